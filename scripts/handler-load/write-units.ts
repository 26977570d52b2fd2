import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { tableDefinition } from '../../functions/kernel/dynamo/table-definition.js';
import { type Item, itemSize, kilobytesStarted } from './item-size.js';

/**
 * What one `TransactWriteItems` costs by DynamoDB's billing rules, from the items as they were
 * before and after it:
 * - "DynamoDB performs two underlying reads or writes of every item in the transaction: one to
 *   prepare the transaction and one to commit the transaction", so each item of a write transaction,
 *   a condition check included, costs 2 write units per started KB ("Capacity management for
 *   transactions", https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html).
 * - Which size counts ("Capacity unit consumption for writes",
 *   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ProvisionedThroughput.html):
 *   a put or an update, the larger of the item before and after; a delete, the deleted item; a
 *   condition check, the item checked. An item that is not there counts as one KB.
 * - Global secondary indexes take their own writes on top ("Write capacity units" of
 *   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html): one to put an item
 *   into an index or take it out, two when its index key changes, one when only projected attributes
 *   change, per started KB of the index entry. A transaction's changes reach the indexes after it
 *   commits, so these are counted as standard (one unit per KB) writes, apart from the table's.
 */

export type ActionKind = 'Put' | 'Update' | 'Delete' | 'ConditionCheck';

export interface TransactionAction {
  kind: ActionKind;
  tableName: string;
  key: Item;
}

export interface SizedAction {
  kind: ActionKind;
  /** What the item is: ElectroDB's entity name (`__edb_e__`), or the label the caller gave. */
  label: string;
  /** Item size in bytes before and after the transaction; null when there was no item. */
  beforeBytes: number | null;
  afterBytes: number | null;
  /** Transactional write units on the table. */
  writeUnits: number;
  /** Standard write units on the global secondary indexes. */
  indexWriteUnits: number;
}

const keyNames = [tableDefinition.partitionKey, tableDefinition.sortKey] as const;

/** The item's primary key (the table's partition and sort key attributes). */
export const keyOf = (item: Item): Item =>
  Object.fromEntries(
    keyNames.map((name) => {
      const value = item[name];
      if (!value) throw new Error(`the item has no ${name}`);
      return [name, value];
    }),
  );

export const transactionAction = (entry: TransactWriteItem): TransactionAction => {
  if (entry.Put)
    return { kind: 'Put', tableName: entry.Put.TableName ?? '', key: keyOf(entry.Put.Item ?? {}) };
  if (entry.Update)
    return { kind: 'Update', tableName: entry.Update.TableName ?? '', key: entry.Update.Key ?? {} };
  if (entry.Delete)
    return { kind: 'Delete', tableName: entry.Delete.TableName ?? '', key: entry.Delete.Key ?? {} };
  if (entry.ConditionCheck)
    return {
      kind: 'ConditionCheck',
      tableName: entry.ConditionCheck.TableName ?? '',
      key: entry.ConditionCheck.Key ?? {},
    };
  throw new Error('a transaction entry without an action');
};

const sizeOf = (item: Item | null): number => (item ? itemSize(item) : 0);

/** Transactional write units of one action: 2 per started KB of the size that counts for it. */
export const transactionalWriteUnits = (
  kind: ActionKind,
  before: Item | null,
  after: Item | null,
): number => {
  const bytes =
    kind === 'Put' || kind === 'Update' ? Math.max(sizeOf(before), sizeOf(after)) : sizeOf(before);
  return 2 * kilobytesStarted(bytes);
};

/** The item's key in one index, or null when the item is not in it (an attribute is missing). */
const indexKey = (item: Item | null, index: { partitionKey: string; sortKey: string }): string | null => {
  const pk = item?.[index.partitionKey];
  const sk = item?.[index.sortKey];
  return pk && sk ? JSON.stringify([pk, sk]) : null;
};

/** Standard write units the indexes take for one item going from `before` to `after`. */
export const indexWriteUnits = (kind: ActionKind, before: Item | null, after: Item | null): number => {
  if (kind === 'ConditionCheck') return 0;
  const changed = JSON.stringify(before) !== JSON.stringify(after);
  let units = 0;
  for (const index of tableDefinition.globalSecondaryIndexes) {
    const was = indexKey(before, index);
    const is = indexKey(after, index);
    // Projection ALL: an index entry is the whole item.
    if (was && is && was !== is) units += kilobytesStarted(sizeOf(before)) + kilobytesStarted(sizeOf(after));
    else if (was && is) units += changed ? kilobytesStarted(Math.max(sizeOf(before), sizeOf(after))) : 0;
    else if (was) units += kilobytesStarted(sizeOf(before));
    else if (is) units += kilobytesStarted(sizeOf(after));
  }
  return units;
};

/** ElectroDB marks each item with its entity's name; anything else is labelled by the caller. */
const entityOf = (item: Item | null): string | undefined => item?.__edb_e__?.S;

export const sizeAction = (
  action: TransactionAction,
  before: Item | null,
  after: Item | null,
  fallbackLabel: string,
): SizedAction => ({
  kind: action.kind,
  label: entityOf(after) ?? entityOf(before) ?? fallbackLabel,
  beforeBytes: before ? itemSize(before) : null,
  afterBytes: after ? itemSize(after) : null,
  writeUnits: transactionalWriteUnits(action.kind, before, after),
  indexWriteUnits: indexWriteUnits(action.kind, before, after),
});

export interface TransactionCost {
  actions: SizedAction[];
  writeUnits: number;
  indexWriteUnits: number;
}

export const transactionCost = (actions: SizedAction[]): TransactionCost => ({
  actions,
  writeUnits: actions.reduce((sum, a) => sum + a.writeUnits, 0),
  indexWriteUnits: actions.reduce((sum, a) => sum + a.indexWriteUnits, 0),
});
