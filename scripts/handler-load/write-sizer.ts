import { BatchGetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { onDynamoClientCreated } from '../../functions/kernel/dynamo/client.js';
import type { Item } from './item-size.js';
import { sendWrite, type WriteRequest, writeRequestOf } from './write-requests.js';
import {
  keyOf,
  requestActions,
  type SizedAction,
  sizeAction,
  type WritesCost,
  writesCost,
} from './write-units.js';

/**
 * Sizes write requests by their real items: reads every item a request writes (consistently) right
 * before and right after it runs, and prices the difference (write-units.ts). Only for the few
 * bookings the benchmark sizes, outside its timed series: the reads add two calls per request.
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

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs `send` (request number `index` of a booking) between two reads of its items, and prices
 * them, refused or not (a failed condition still costs).
 */
export const sizeRequest = async <T>(
  reader: DynamoDBClient,
  request: WriteRequest,
  index: number,
  send: () => Promise<T>,
): Promise<{ outcome: Outcome<T>; actions: SizedAction[] }> => {
  const actions = requestActions(request);
  const tableName = actions[0]?.tableName ?? '';
  if (actions.some((a) => a.tableName !== tableName)) throw new Error('a request over several tables');
  const keys = actions.map((a) => a.key);
  const before = await readItems(reader, tableName, keys);
  const outcome: Outcome<T> = await send().then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  const after = await readItems(reader, tableName, keys);
  const sent = { request: index, refused: !outcome.ok };
  return {
    outcome,
    actions: actions.map((a, i) => sizeAction(a, before[i] ?? null, after[i] ?? null, a.kind, sent)),
  };
};

/** Sends `requests` the benchmark sends itself, in order, each sized; all must succeed. */
export const sendSized = async (
  client: DynamoDBClient,
  requests: readonly WriteRequest[],
): Promise<WritesCost> => {
  const actions: SizedAction[] = [];
  for (const [index, request] of requests.entries()) {
    const { outcome, actions: sized } = await sizeRequest(client, request, index, () =>
      sendWrite(client, request),
    );
    if (!outcome.ok) throw outcome.error;
    actions.push(...sized);
  }
  return writesCost(actions);
};

export interface SizedWrites {
  cost: WritesCost;
  /** The write requests as sent (marshalled), in order. */
  requests: WriteRequest[];
}

export interface WriteSizer {
  /**
   * Runs `run` and sizes every write request the functions' clients send meanwhile, in order
   * (reading their items with `reader`); fails when they sent none.
   */
  sizeNext(reader: DynamoDBClient, run: () => Promise<void>): Promise<SizedWrites>;
  stop(): void;
}

/**
 * Sizes the functions' own write requests: a middleware on every DynamoDB client they create from
 * now on (install before they build their container). At the build step the document client has
 * marshalled the input, so the items are in DynamoDB's attribute-value form; the command's name
 * tells a write from a read. It passes every call straight through unless `sizeNext` is running.
 */
export const installWriteSizer = (): WriteSizer => {
  let armed: { reader: DynamoDBClient; requests: WriteRequest[]; actions: SizedAction[] } | null = null;
  const stop = onDynamoClientCreated((client) => {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const target = armed;
        const request = target ? writeRequestOf(context.commandName, args.input) : null;
        if (!target || !request) return next(args);
        const index = target.requests.length;
        // A copy: the replay edits it, and the caller may reuse its input.
        target.requests.push(structuredClone(request));
        const { outcome, actions } = await sizeRequest(target.reader, request, index, () => next(args));
        target.actions.push(...actions);
        if (!outcome.ok) throw outcome.error;
        return outcome.value;
      },
      { step: 'build', name: 'benchWriteSizer' },
    );
  });
  return {
    async sizeNext(reader, run) {
      const target = { reader, requests: [] as WriteRequest[], actions: [] as SizedAction[] };
      armed = target;
      try {
        await run();
      } finally {
        armed = null;
      }
      if (target.requests.length === 0) throw new Error('no write request was sent');
      return { cost: writesCost(target.actions), requests: target.requests };
    },
    stop,
  };
};
