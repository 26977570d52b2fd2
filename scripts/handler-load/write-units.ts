import type { TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { tableDefinition } from '../../functions/kernel/dynamo/table-definition.js';
import { type Item, itemSize, kilobytesStarted } from './item-size.js';
import type { WriteRequest } from './write-requests.js';

/**
 * What a booking's write requests cost by DynamoDB's billing rules, from the items as they were
 * before and after each:
 * - A single write (`PutItem`, `UpdateItem`, `DeleteItem`) is a standard write: 1 write unit per
 *   started KB ("Capacity unit consumption for writes",
 *   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ProvisionedThroughput.html).
 *   One whose condition fails still costs, by the item as it is (one KB when there is none):
 *   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithItems.html#WorkingWithItems.ConditionalUpdate.
 * - "DynamoDB performs two underlying reads or writes of every item in the transaction: one to
 *   prepare the transaction and one to commit the transaction", so each item of a write transaction,
 *   a condition check included, costs 2 write units per started KB ("Capacity management for
 *   transactions", https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html).
 * - Which size counts (the same page on writes): a put or an update, the larger of the item before
 *   and after; a delete, the deleted item; a condition check, the item checked. An item that is not
 *   there counts as one KB. A write its condition refused leaves the item as it was, so the same
 *   rule prices it by that item.
 * - Global secondary indexes take their own writes on top ("Write capacity units" of
 *   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html): one to put an item
 *   into an index or take it out, two when its index key changes, one when only projected attributes
 *   change, per started KB of the index entry. A transaction's changes reach the indexes after it
 *   commits, so these are counted as standard (one unit per KB) writes, apart from the table's.
 */

export type ActionKind = 'Put' | 'Update' | 'Delete' | 'ConditionCheck';

/** How an item was written: by a single write (standard) or in a write transaction. */
export type WriteMode = 'single' | 'transactional';

export interface WriteAction {
  kind: ActionKind;
  write: WriteMode;
  tableName: string;
  key: Item;
}

export interface SizedAction {
  kind: ActionKind;
  write: WriteMode;
  /** Which of the booking's write requests wrote it (0: the first sent). */
  request: number;
  /** True when its request was refused (a condition failed, or the transaction was cancelled). */
  refused: boolean;
  /**
   * What the item is: ElectroDB's entity name (`__edb_e__`), or the label the caller gave; a single
   * write of a booking is named by what it does there (`claim`, `counter take`).
   */
  label: string;
  /** Item size in bytes before and after the write; null when there was no item. */
  beforeBytes: number | null;
  afterBytes: number | null;
  /** Write units on the table: transactional for an item of a transaction, else standard. */
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

export const transactionAction = (entry: TransactWriteItem): WriteAction => {
  const write = 'transactional';
  if (entry.Put)
    return { kind: 'Put', write, tableName: entry.Put.TableName ?? '', key: keyOf(entry.Put.Item ?? {}) };
  if (entry.Update)
    return { kind: 'Update', write, tableName: entry.Update.TableName ?? '', key: entry.Update.Key ?? {} };
  if (entry.Delete)
    return { kind: 'Delete', write, tableName: entry.Delete.TableName ?? '', key: entry.Delete.Key ?? {} };
  if (entry.ConditionCheck)
    return {
      kind: 'ConditionCheck',
      write,
      tableName: entry.ConditionCheck.TableName ?? '',
      key: entry.ConditionCheck.Key ?? {},
    };
  throw new Error('a transaction entry without an action');
};

/** The items one request writes (or checks): one for a single write, each item of a transaction. */
export const requestActions = (request: WriteRequest): WriteAction[] => {
  const write = 'single';
  switch (request.command) {
    case 'PutItem':
      return [
        {
          kind: 'Put',
          write,
          tableName: request.input.TableName ?? '',
          key: keyOf(request.input.Item ?? {}),
        },
      ];
    case 'UpdateItem':
      return [
        { kind: 'Update', write, tableName: request.input.TableName ?? '', key: request.input.Key ?? {} },
      ];
    case 'DeleteItem':
      return [
        { kind: 'Delete', write, tableName: request.input.TableName ?? '', key: request.input.Key ?? {} },
      ];
    case 'TransactWriteItems':
      return (request.input.TransactItems ?? []).map(transactionAction);
  }
};

const sizeOf = (item: Item | null): number => (item ? itemSize(item) : 0);

/** The size a write is billed on (a refused write left the item as it was: it is billed on that). */
const billedBytes = (kind: ActionKind, before: Item | null, after: Item | null): number =>
  kind === 'Put' || kind === 'Update' ? Math.max(sizeOf(before), sizeOf(after)) : sizeOf(before);

/** Transactional write units of one item: 2 per started KB of the size that counts for it. */
export const transactionalWriteUnits = (kind: ActionKind, before: Item | null, after: Item | null): number =>
  2 * kilobytesStarted(billedBytes(kind, before, after));

/** Standard write units of a single write: 1 per started KB of the size that counts for it. */
export const standardWriteUnits = (kind: ActionKind, before: Item | null, after: Item | null): number => {
  if (kind === 'ConditionCheck') throw new Error('a condition check is only part of a transaction');
  return kilobytesStarted(billedBytes(kind, before, after));
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

/** What a single write does in a booking, by its action and entity (the entity alone does not say). */
const singleWriteRoles: Record<string, string> = {
  'Put sessionClaim': 'claim',
  'Delete sessionClaim': 'claim dropped',
  'Update sessionCounter': 'counter take',
  'Update sessionCounterShard': 'counter take',
};

const labelOf = (action: WriteAction, entity: string | undefined, fallback: string): string => {
  const role = action.write === 'single' ? singleWriteRoles[`${action.kind} ${entity}`] : undefined;
  return role ?? entity ?? fallback;
};

export const sizeAction = (
  action: WriteAction,
  before: Item | null,
  after: Item | null,
  fallbackLabel: string,
  sent: { request: number; refused: boolean } = { request: 0, refused: false },
): SizedAction => ({
  kind: action.kind,
  write: action.write,
  request: sent.request,
  refused: sent.refused,
  label: labelOf(action, entityOf(after) ?? entityOf(before), fallbackLabel),
  beforeBytes: before ? itemSize(before) : null,
  afterBytes: after ? itemSize(after) : null,
  writeUnits:
    action.write === 'single'
      ? standardWriteUnits(action.kind, before, after)
      : transactionalWriteUnits(action.kind, before, after),
  indexWriteUnits: indexWriteUnits(action.kind, before, after),
});

/** The items of a booking's write requests, sized, and their sums. */
export interface WritesCost {
  actions: SizedAction[];
  writeUnits: number;
  indexWriteUnits: number;
}

export const writesCost = (actions: SizedAction[]): WritesCost => ({
  actions,
  writeUnits: actions.reduce((sum, a) => sum + a.writeUnits, 0),
  indexWriteUnits: actions.reduce((sum, a) => sum + a.indexWriteUnits, 0),
});
