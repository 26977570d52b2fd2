import {
  type AttributeValue,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { retryTransient } from '../dynamo/retry.js';
import { readEnv } from '../env.js';
import { type AuditChange, auditRecordEntityName, auditRecordItem, toWire } from './audit-item.js';
import { type AuditScope, type OpenScope, recordingScope } from './audit-scope.js';
import {
  changeOf,
  isFact,
  recordsNow,
  type Touched,
  text,
  touchedByDelete,
  touchedByPut,
  touchedByUpdate,
  type UpdateInput,
} from './write-facts.js';

/**
 * Every change commits its audit record in its own transaction, whichever store makes it: inside
 * an audit scope (a request, a job's record) each write the DynamoDB clients send goes out with
 * its record. A transaction gets one more item; a single put, update or delete becomes a
 * transaction of two; a batch write becomes one transaction. Writes of bookkeeping only (counters,
 * claims, the outbox: write-facts.ts) and writes outside a scope go out as they are, and so does
 * a transaction that already holds its record (a booking's step writes its own, with the step's
 * facts).
 *
 * What the caller sees does not change: a failed condition of a single write still throws
 * ConditionalCheckFailedException, a cancelled transaction still reports one reason per item it
 * sent, and an update or delete asked for its item still gets it (read in the same way).
 */

type Send = (command: unknown, options?: unknown) => Promise<unknown>;

/**
 * The DynamoDB operation a command runs (`PutItem`, `TransactWriteItems`, ...), from the
 * operation schema every command carries (a document client command on its client command).
 * Not `instanceof`: ElectroDB may load another copy of the command classes (CommonJS beside ES
 * modules), and bundling renames classes.
 */
export const operationOf = (command: unknown): string | undefined => {
  const c = command as { clientCommand?: { schema?: unknown }; schema?: unknown };
  const schema = (c.clientCommand ?? c).schema;
  return Array.isArray(schema) && typeof schema[2] === 'string' ? schema[2] : undefined;
};

interface Command {
  input: Item;
}
type Item = Record<string, unknown>;

const retentionDays = (): number => readEnv().AUDIT_RETENTION_DAYS;

const record = (scope: AuditScope, change: AuditChange) =>
  auditRecordItem(scope, change, new Date(), retentionDays());

/** The change a commit over `items` records now, if any (write-facts.ts, `recordsNow`). */
const changeToRecord = (scope: OpenScope, items: readonly Touched[]): AuditChange | undefined => {
  if (scope.anyKind) return scope.state.recorded ? undefined : changeOf(items, undefined, true);
  const change = changeOf(items);
  return change && recordsNow({ ...scope, recorded: scope.state.recorded }, change, items)
    ? change
    : undefined;
};

/** Sends a commit that carries its record; the scope then has its record. */
const committing = async <T>(scope: OpenScope, send: () => Promise<T>): Promise<T> => {
  const out = await send();
  scope.state.recorded = true;
  return out;
};

/** The writes a transaction item may carry (no ReturnValues: a transaction answers no item). */
const forTransaction = <T extends Item>(input: T): T => {
  const { ReturnValues: _r, ReturnConsumedCapacity: _c, ReturnItemCollectionMetrics: _m, ...rest } = input;
  return rest as T;
};

interface Cancelled {
  name?: string;
  CancellationReasons?: { Code?: string }[];
}

/** A transaction cancelled because another one held one of its items, as the conflict it is. */
const asConflict = (error: unknown): unknown =>
  (error as Cancelled).CancellationReasons?.some((r) => r.Code === 'TransactionConflict')
    ? Object.assign(new Error('Transaction is ongoing for the item'), {
        name: 'TransactionConflictException',
        cause: error,
      })
    : error;

/** A single write sent as a transaction fails as the single write would have. */
const asSingleWriteError = (error: unknown): unknown =>
  (error as Cancelled).CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
    ? new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} })
    : asConflict(error);

/**
 * Sends a write that was not a transaction before it carried its record. As one, it may now
 * collide with another transaction on its item; its caller never had to retry that, so it is
 * retried here (TEMPORARILY_UNAVAILABLE after the last attempt).
 */
const sentAsTransaction = <T>(send: () => Promise<T>, asError: (error: unknown) => unknown): Promise<T> =>
  retryTransient(async () => {
    try {
      return await send();
    } catch (error) {
      throw asError(error);
    }
  });

/** The caller sent `count` items: the record's reason (the last) is not theirs to read. */
const withoutRecordReason = (error: unknown, count: number): unknown => {
  const cancelled = error as Cancelled;
  if (cancelled.CancellationReasons?.length === count + 1) cancelled.CancellationReasons.pop();
  return error;
};

/** The table a transaction writes (every item of one here names the same). */
const tableOf = (items: readonly Item[]): string | undefined => {
  for (const item of items)
    for (const part of Object.values(item)) {
      const table = (part as { TableName?: unknown } | undefined)?.TableName;
      if (typeof table === 'string') return table;
    }
  return undefined;
};

const hasRecord = (items: readonly { Put?: { Item?: Item } }[]): boolean =>
  items.some((i) => text(i.Put?.Item?.__edb_e__) === auditRecordEntityName);

/** The document client's writes, with their records. */
const documentWrites = (send: Send) => {
  const transact = (items: Item[]) => send(new TransactWriteCommand({ TransactItems: items as never }));

  const single = async (scope: OpenScope, write: Item, touched: Touched, table: string) => {
    const change = changeToRecord(scope, [touched]);
    if (!change) return false;
    await committing(scope, () =>
      sentAsTransaction(
        () => transact([write, { Put: { TableName: table, Item: record(scope, change) } }]),
        asSingleWriteError,
      ),
    );
    return true;
  };

  const read = async (table: string, key: Item): Promise<Item | undefined> => {
    const out = (await send(new GetCommand({ TableName: table, Key: key, ConsistentRead: true }))) as {
      Item?: Item;
    };
    return out.Item;
  };

  const readMany = async (table: string, keys: Item[]): Promise<Item[]> => {
    if (keys.length === 0) return [];
    const out = (await send(
      new BatchGetCommand({ RequestItems: { [table]: { Keys: keys, ConsistentRead: true } } }),
    )) as { Responses?: Record<string, Item[]> };
    return out.Responses?.[table] ?? [];
  };

  const sameKey = (a: Item, b: Item) => text(a.pk) === text(b.pk) && text(a.sk) === text(b.sk);

  return async (scope: OpenScope, command: unknown, options: unknown): Promise<unknown> => {
    const operation = operationOf(command);
    const { input: given } = command as Command;
    if (operation === 'PutItem') {
      const input = given as Item & { TableName: string; Item: Item };
      const sent = await single(
        scope,
        { Put: forTransaction(input) },
        touchedByPut(input.Item, input.ConditionExpression as string | undefined),
        input.TableName,
      );
      return sent ? {} : send(command, options);
    }
    if (operation === 'UpdateItem') {
      const input = given as Item & UpdateInput & { TableName: string; Key: Item; ReturnValues?: string };
      const sent = await single(
        scope,
        { Update: forTransaction(input) },
        touchedByUpdate(input),
        input.TableName,
      );
      if (!sent) return send(command, options);
      if (!input.ReturnValues || input.ReturnValues === 'NONE') return {};
      return { Attributes: await read(input.TableName, input.Key) };
    }
    if (operation === 'DeleteItem') {
      const input = given as Item & { TableName: string; Key: Item; ReturnValues?: string };
      const before = await read(input.TableName, input.Key);
      // Nothing to delete: nothing changes (a condition on the item fails as it would).
      if (!before) return send(command, options);
      const sent = await single(
        scope,
        { Delete: forTransaction(input) },
        touchedByDelete(input.Key, before),
        input.TableName,
      );
      if (!sent) return send(command, options);
      return input.ReturnValues === 'ALL_OLD' ? { Attributes: before } : {};
    }
    if (operation === 'TransactWriteItems') {
      const items = (given.TransactItems ?? []) as Item[];
      const typed = items as {
        Put?: { Item: Item; TableName: string; ConditionExpression?: string };
        Update?: UpdateInput;
        Delete?: { Key: Item; TableName: string };
      }[];
      if (hasRecord(typed)) return committing(scope, () => send(command, options));
      if (items.length >= 100) return send(command, options);
      let touched = typed.flatMap((i): Touched[] => {
        if (i.Put) return [touchedByPut(i.Put.Item, i.Put.ConditionExpression)];
        if (i.Update) return [touchedByUpdate(i.Update)];
        if (i.Delete) return [touchedByDelete(i.Delete.Key, undefined)];
        return [];
      });
      const deletes = typed.flatMap((i) => (i.Delete ? [i.Delete] : []));
      // Deletes name no entity: read them only when nothing else says what the commit changed.
      if (!touched.some((t) => t.entity && isFact(t)) && deletes.length > 0) {
        const table = deletes[0]?.TableName as string;
        const before = await readMany(
          table,
          deletes.map((d) => d.Key),
        );
        touched = touched.map((t, i) => {
          const d = typed[i]?.Delete;
          return d
            ? touchedByDelete(
                d.Key,
                before.find((b) => sameKey(b, d.Key)),
              )
            : t;
        });
      }
      const change = changeToRecord(
        scope,
        touched.filter((t) => t.entity || t.change !== 'deleted'),
      );
      const table = tableOf(items);
      if (!change || !table) return send(command, options);
      try {
        return await committing(scope, () =>
          transact([...items, { Put: { TableName: table, Item: record(scope, change) } }]),
        );
      } catch (error) {
        throw withoutRecordReason(error, items.length);
      }
    }
    if (operation === 'BatchWriteItem') {
      const requests = (given.RequestItems ?? {}) as Record<string, unknown[]>;
      const tables = Object.keys(requests);
      const table = tables[0];
      if (tables.length !== 1 || !table) return send(command, options);
      const writes = (requests[table] ?? []) as {
        PutRequest?: { Item: Item };
        DeleteRequest?: { Key: Item };
      }[];
      const keys = writes.flatMap((w) => (w.DeleteRequest ? [w.DeleteRequest.Key] : []));
      const before = await readMany(table, keys);
      const touched = writes.map((w) =>
        w.PutRequest
          ? touchedByPut(w.PutRequest.Item, undefined)
          : touchedByDelete(
              w.DeleteRequest?.Key ?? {},
              before.find((b) => sameKey(b, w.DeleteRequest?.Key ?? {})),
            ),
      );
      const change = changeToRecord(scope, touched);
      if (!change) return send(command, options);
      // Items already gone are not deleted again (a transaction may not name them twice either).
      const items: Item[] = writes.flatMap((w): Item[] => {
        if (w.PutRequest) return [{ Put: { TableName: table, Item: w.PutRequest.Item } }];
        const key = w.DeleteRequest?.Key ?? {};
        return before.some((b) => sameKey(b, key)) ? [{ Delete: { TableName: table, Key: key } }] : [];
      });
      await committing(scope, () =>
        sentAsTransaction(
          () => transact([...items, { Put: { TableName: table, Item: record(scope, change) } }]),
          asConflict,
        ),
      );
      return { UnprocessedItems: {} };
    }
    return send(command, options);
  };
};

/** The low-level client's writes (hand-built hot paths), with their records. */
const wireWrites = (send: Send) => {
  const transact = (items: TransactWriteItem[]) =>
    send(new TransactWriteItemsCommand({ TransactItems: items }));
  return async (scope: OpenScope, command: unknown, options: unknown): Promise<unknown> => {
    // A hand-built item is a fact only when it names its entity and that entity is one.
    const named = (t: Touched) => (t.entity && isFact(t) ? changeToRecord(scope, [t]) : undefined);
    const operation = operationOf(command);
    const { input: given } = command as Command;
    if (operation === 'PutItem' || operation === 'UpdateItem') {
      const input = given as Item & { TableName: string; Item?: Record<string, AttributeValue> };
      const put = operation === 'PutItem';
      const change = named(
        put
          ? touchedByPut(input.Item ?? {}, input.ConditionExpression as string | undefined)
          : touchedByUpdate(input as UpdateInput),
      );
      if (!change) return send(command, options);
      const write = (
        put ? { Put: forTransaction(input) } : { Update: forTransaction(input) }
      ) as TransactWriteItem;
      await committing(scope, () =>
        sentAsTransaction(
          () =>
            transact([write, { Put: { TableName: input.TableName, Item: toWire(record(scope, change)) } }]),
          asSingleWriteError,
        ),
      );
      return {};
    }
    if (operation === 'TransactWriteItems') {
      const items = (given.TransactItems ?? []) as TransactWriteItem[];
      if (hasRecord(items as never)) return committing(scope, () => send(command, options));
      if (items.length >= 100) return send(command, options);
      const touched = items.flatMap((i): Touched[] => {
        if (i.Put) return [touchedByPut(i.Put.Item ?? {}, i.Put.ConditionExpression)];
        if (i.Update) return [touchedByUpdate(i.Update as UpdateInput)];
        return [];
      });
      const change = changeToRecord(
        scope,
        touched.filter((t) => t.entity),
      );
      const table = tableOf(items as unknown as Item[]);
      if (!change || !table) return send(command, options);
      try {
        return await committing(scope, () =>
          transact([...items, { Put: { TableName: table, Item: toWire(record(scope, change)) } }]),
        );
      } catch (error) {
        throw withoutRecordReason(error, items.length);
      }
    }
    return send(command, options);
  };
};

/** Wraps `send` of a client so that writes inside an audit scope carry their records. */
const audited = (
  client: { send: unknown },
  writes: (send: Send) => (s: OpenScope, c: unknown, o: unknown) => Promise<unknown>,
) => {
  const send = (client.send as Send).bind(client);
  const withRecords = writes(send);
  client.send = (command: unknown, options?: unknown) => {
    const scope = recordingScope();
    return scope ? withRecords(scope, command, options) : send(command, options);
  };
};

export const auditDocumentClient = (client: DynamoDBDocumentClient): void => audited(client, documentWrites);
export const auditLowLevelClient = (client: DynamoDBClient): void => audited(client, wireWrites);
