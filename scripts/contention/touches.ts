import { itemSize, valueSize } from './item-size.js';
import type { KeySchema, KeySchemas } from './key-schema.js';
import type {
  AttributeValue,
  BatchWriteItemInput,
  ModelledOperation,
  TransactGetItemsInput,
  TransactWriteItem,
  TransactWriteItemsInput,
  UpdateAction,
  WireItem,
} from './wire.js';

/** What one action of a request does to one item, as the model needs it. */
export type TouchKind = 'put' | 'update' | 'delete' | 'check' | 'get';

export interface Touch {
  kind: TouchKind;
  table: string;
  /** The item: table and whole primary key. */
  item: string;
  /** The item's partition: table and partition key. */
  partition: string;
  /** For people: `table pk sk`. */
  label: string;
  /**
   * Put: the new item's size. Update: the key's size plus the update's values and names, a lower
   * bound of the new item. Delete, condition check, get: the key's size (used only when the
   * model has never seen the item written).
   */
  size: number;
}

const scalar = (v: AttributeValue | undefined): string => v?.S ?? v?.N ?? v?.B ?? '?';

const touchOf = (
  kind: TouchKind,
  table: string,
  schema: KeySchema,
  source: WireItem,
  size: number,
): Touch | undefined => {
  const hash = source[schema.hash];
  if (!hash) return undefined;
  const range = schema.range ? source[schema.range] : undefined;
  return {
    kind,
    table,
    // One-field attribute values stringify the same whichever way they were built.
    item: JSON.stringify([table, hash, range ?? null]),
    partition: JSON.stringify([table, hash]),
    label: `${table} ${scalar(hash)}${range ? ` ${scalar(range)}` : ''}`,
    size,
  };
};

const updateSize = (u: UpdateAction): number =>
  itemSize(u.Key) +
  Object.values(u.ExpressionAttributeValues ?? {}).reduce((n, v) => n + valueSize(v), 0) +
  Object.values(u.ExpressionAttributeNames ?? {}).reduce((n, name) => n + Buffer.byteLength(name), 0);

type Action = { kind: TouchKind; table: string; source: WireItem; size: number };

const transactWriteAction = (t: TransactWriteItem): Action | undefined => {
  if (t.Put) return { kind: 'put', table: t.Put.TableName, source: t.Put.Item, size: itemSize(t.Put.Item) };
  if (t.Update)
    return { kind: 'update', table: t.Update.TableName, source: t.Update.Key, size: updateSize(t.Update) };
  if (t.Delete)
    return { kind: 'delete', table: t.Delete.TableName, source: t.Delete.Key, size: itemSize(t.Delete.Key) };
  if (t.ConditionCheck) {
    const c = t.ConditionCheck;
    return { kind: 'check', table: c.TableName, source: c.Key, size: itemSize(c.Key) };
  }
  return undefined;
};

/** The actions of a request, in its own order (a transaction's reasons follow that order). */
const actionsOf = (operation: ModelledOperation, input: unknown): Array<Action | undefined> => {
  switch (operation) {
    case 'TransactWriteItems':
      return (input as TransactWriteItemsInput).TransactItems.map(transactWriteAction);
    case 'TransactGetItems':
      return (input as TransactGetItemsInput).TransactItems.map(({ Get }) =>
        Get ? { kind: 'get', table: Get.TableName, source: Get.Key, size: itemSize(Get.Key) } : undefined,
      );
    case 'PutItem': {
      const put = input as { TableName: string; Item: WireItem };
      return [{ kind: 'put', table: put.TableName, source: put.Item, size: itemSize(put.Item) }];
    }
    case 'UpdateItem': {
      const update = input as UpdateAction;
      return [{ kind: 'update', table: update.TableName, source: update.Key, size: updateSize(update) }];
    }
    case 'DeleteItem': {
      const del = input as { TableName: string; Key: WireItem };
      return [{ kind: 'delete', table: del.TableName, source: del.Key, size: itemSize(del.Key) }];
    }
    case 'BatchWriteItem':
      return Object.entries((input as BatchWriteItemInput).RequestItems).flatMap(([table, requests]) =>
        requests.map((r): Action | undefined => {
          if (r.PutRequest)
            return { kind: 'put', table, source: r.PutRequest.Item, size: itemSize(r.PutRequest.Item) };
          if (r.DeleteRequest) {
            return {
              kind: 'delete',
              table,
              source: r.DeleteRequest.Key,
              size: itemSize(r.DeleteRequest.Key),
            };
          }
          return undefined;
        }),
      );
  }
};

/**
 * The items a request touches, or undefined when the model cannot tell (a malformed request or
 * an unknown table): such a request is forwarded unmodelled and DynamoDB Local answers it.
 */
export const touchesOf = async (
  operation: ModelledOperation,
  input: unknown,
  schemas: KeySchemas,
): Promise<Touch[] | undefined> => {
  let actions: Array<Action | undefined>;
  try {
    actions = actionsOf(operation, input);
  } catch {
    return undefined;
  }
  const touches: Touch[] = [];
  for (const action of actions) {
    if (!action) return undefined;
    const schema = await schemas.of(action.table);
    if (!schema) return undefined;
    const touch = touchOf(action.kind, action.table, schema, action.source, action.size);
    if (!touch) return undefined;
    touches.push(touch);
  }
  return touches;
};
