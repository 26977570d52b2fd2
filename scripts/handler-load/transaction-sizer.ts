import {
  BatchGetItemCommand,
  type DynamoDBClient,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { onDynamoClientCreated } from '../../functions/kernel/dynamo/client.js';
import type { Item } from './item-size.js';
import {
  keyOf,
  sizeAction,
  type TransactionCost,
  transactionAction,
  transactionCost,
} from './write-units.js';

/**
 * Sizes a transaction by its real items: reads every item it names (consistently) right before
 * and right after it runs, and prices the difference (write-units.ts). Only for the few
 * transactions the benchmark sizes, outside its timed series: the reads add two calls.
 */

const keyText = (key: Item): string =>
  JSON.stringify(Object.entries(key).sort(([a], [b]) => a.localeCompare(b)));

const readItems = async (
  client: DynamoDBClient,
  tableName: string,
  keys: Item[],
): Promise<(Item | null)[]> => {
  const found = new Map<string, Item>();
  let pending: Item[] = keys;
  // BatchGetItem may hand some keys back unprocessed; ask again for those.
  while (pending.length > 0) {
    const out = await client.send(
      new BatchGetItemCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
    );
    for (const item of out.Responses?.[tableName] ?? []) {
      found.set(keyText(keyOf(item)), item);
    }
    pending = out.UnprocessedKeys?.[tableName]?.Keys ?? [];
  }
  return keys.map((key) => found.get(keyText(key)) ?? null);
};

/** Runs `send` (the transaction of `entries`) between two reads of its items, and prices it. */
export const sizeTransaction = async <T>(
  reader: DynamoDBClient,
  entries: readonly TransactWriteItem[],
  send: () => Promise<T>,
  labels: readonly string[] = [],
): Promise<{ result: T; cost: TransactionCost }> => {
  const actions = entries.map(transactionAction);
  const tableName = actions[0]?.tableName ?? '';
  if (actions.some((a) => a.tableName !== tableName)) throw new Error('a transaction over several tables');
  const keys = actions.map((a) => a.key);
  const before = await readItems(reader, tableName, keys);
  const result = await send();
  const after = await readItems(reader, tableName, keys);
  const sized = actions.map((a, i) => sizeAction(a, before[i]!, after[i]!, labels[i] ?? a.kind));
  return { result, cost: transactionCost(sized) };
};

/** Sizes one transaction the benchmark sends itself. */
export const sendSized = (
  client: DynamoDBClient,
  entries: TransactWriteItem[],
  labels: readonly string[],
): Promise<TransactionCost> =>
  sizeTransaction(
    client,
    entries,
    () => client.send(new TransactWriteItemsCommand({ TransactItems: entries })),
    labels,
  ).then((r) => r.cost);

export interface SizedTransaction {
  cost: TransactionCost;
  /** The transaction's items as sent (marshalled). */
  entries: TransactWriteItem[];
}

export interface TransactionSizer {
  /**
   * Runs `run` and sizes the first transaction the functions' clients send meanwhile (reading its
   * items with `reader`); fails when they sent none.
   */
  sizeNext(reader: DynamoDBClient, run: () => Promise<void>): Promise<SizedTransaction>;
  stop(): void;
}

/**
 * Sizes the functions' own transactions: a middleware on every DynamoDB client they create from
 * now on (install before they build their container). At the build step the document client has
 * marshalled the input, so the items are in DynamoDB's attribute-value form. It passes every call
 * straight through unless `sizeNext` is running.
 */
export const installTransactionSizer = (): TransactionSizer => {
  let armed: { reader: DynamoDBClient; sized: SizedTransaction[] } | null = null;
  const stop = onDynamoClientCreated((client) => {
    client.middlewareStack.add(
      (next) => async (args) => {
        const entries = (args.input as { TransactItems?: TransactWriteItem[] }).TransactItems;
        const target = armed;
        if (!entries || !target || target.sized.length > 0) return next(args);
        const { result, cost } = await sizeTransaction(target.reader, entries, () => next(args));
        target.sized.push({ cost, entries });
        return result;
      },
      { step: 'build', name: 'benchTransactionSizer' },
    );
  });
  return {
    async sizeNext(reader, run) {
      const target = { reader, sized: [] as SizedTransaction[] };
      armed = target;
      try {
        await run();
      } finally {
        armed = null;
      }
      const [sized] = target.sized;
      if (!sized) throw new Error('no transaction was sent');
      return sized;
    },
    stop,
  };
};
