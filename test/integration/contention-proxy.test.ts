import { randomUUID } from 'node:crypto';
import {
  type AttributeValue,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ThrottlingException,
  TransactionCanceledException,
  TransactionConflictException,
  type TransactWriteItem,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DomainError } from '../../functions/kernel/domain/errors.js';
import { retryTransient } from '../../functions/kernel/dynamo/retry.js';
import { createService } from '../../functions/kernel/dynamo/service.js';
import { commitTransaction } from '../../functions/kernel/dynamo/transactions.js';
import { itemSize } from '../../scripts/contention/item-size.js';
import {
  type ContentionProxy,
  fetchContentionCounters,
  startContentionProxy,
} from '../../scripts/contention/proxy.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../scripts/local/aws-local.js';
import { ensureTable } from '../../scripts/local/table.js';

/**
 * The contention model as the project's clients meet it: a proxy in front of the run's DynamoDB
 * Local (never the run's own proxy, when the run has one), answering as DynamoDB does, and the
 * SDK, ElectroDB and the project's transaction helpers reading those answers as the real errors.
 */

type Item = Record<string, AttributeValue>;

// Long enough that the second request of a test surely lands inside the first one's hold.
const HOLD_MS = 150;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `held` holds transactions HOLD_MS; `free` (its own model) does not hold, for the throughput tests. */
let held: ContentionProxy;
let free: ContentionProxy;
let table: string;
let once: DynamoDBClient;
let onceFree: DynamoDBClient;
let sdkRetries: DynamoDBClient;

beforeAll(async () => {
  const local = inject('dynamoLocalEndpoint');
  table = `contention-${randomUUID().slice(0, 8)}`;
  await ensureTable(local, table);
  held = await startContentionProxy({ upstream: local, options: { holdMs: HOLD_MS } });
  free = await startContentionProxy({ upstream: local, options: { holdMs: 0 } });
  const client = (proxy: ContentionProxy, maxAttempts?: number) =>
    new DynamoDBClient({
      endpoint: proxy.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      ...(maxAttempts ? { maxAttempts } : {}),
    });
  once = client(held, 1);
  onceFree = client(free, 1);
  // The SDK's default retry strategy; two attempts keep its throttling back-off (0.5 s base) short.
  sdkRetries = client(free, 2);
});

afterAll(async () => {
  for (const c of [once, onceFree, sdkRetries]) c?.destroy();
  await Promise.all([held?.stop(), free?.stop()]);
});

const key = (pk: string): Item => ({ pk: { S: pk }, sk: { S: 'item' } });
const itemOf = (pk: string, bytes = 100): Item => {
  const bare = itemSize({ ...key(pk), d: { S: '' } });
  return { ...key(pk), d: { S: 'a'.repeat(bytes - bare) } };
};
const setV = (pk: string, v: number): TransactWriteItem => ({
  Update: {
    TableName: table,
    Key: key(pk),
    UpdateExpression: 'SET v = :v',
    ExpressionAttributeValues: { ':v': { N: String(v) } },
  },
});
const check = (pk: string): TransactWriteItem => ({
  ConditionCheck: { TableName: table, Key: key(pk), ConditionExpression: 'attribute_exists(pk)' },
});
const put = (item: Item): TransactWriteItem => ({ Put: { TableName: table, Item: item } });
const txVia = (client: DynamoDBClient, items: TransactWriteItem[]) =>
  client.send(new TransactWriteItemsCommand({ TransactItems: items }));
const tx = (...items: TransactWriteItem[]) => txVia(once, items);
/** Setting up, without waiting for a hold. */
const setUp = (...items: TransactWriteItem[]) => txVia(onceFree, items);
const read = async (pk: string) =>
  (await once.send(new GetItemCommand({ TableName: table, Key: key(pk), ConsistentRead: true }))).Item;
const fresh = (name: string) => `${name}-${randomUUID().slice(0, 6)}`;

const transactionsSeen = () => held.counters().requests.TransactWriteItems ?? 0;

/** `first` (a transaction) is sent, and `second` once the proxy holds the first one's items. */
const overlapping = async <A, B>(first: () => Promise<A>, second: () => Promise<B>) => {
  const seen = transactionsSeen();
  const a = first();
  while (transactionsSeen() === seen) await sleep(1);
  const b = await second().catch((e: unknown) => e);
  return { first: await a, second: b };
};

const reasons = (e: unknown): Array<string | undefined> => {
  expect(e).toBeInstanceOf(TransactionCanceledException);
  return (e as TransactionCanceledException).CancellationReasons?.map((r) => r.Code) ?? [];
};

describe('transaction conflicts through the contention proxy', () => {
  it('cancels the second of two overlapping transactions on one item, which changes nothing', async () => {
    const [a, b] = [fresh('a'), fresh('b')];
    await setUp(put({ ...key(a), v: { N: '0' } }));
    const { second } = await overlapping(
      () => tx(setV(a, 1)),
      () => tx(put(itemOf(b)), setV(a, 2)),
    );
    expect(reasons(second)).toEqual(['None', 'TransactionConflict']);
    expect((second as TransactionCanceledException).$metadata.httpStatusCode).toBe(400);
    // The SDK does not retry a cancelled transaction: the caller decides.
    expect((second as TransactionCanceledException).$metadata.attempts).toBe(1);
    expect((await read(a))?.v).toEqual({ N: '1' });
    expect(await read(b)).toBeUndefined();
  });

  it('passes transactions on one item that do not overlap', async () => {
    const a = fresh('seq');
    await tx(setV(a, 1));
    await tx(setV(a, 2));
    expect((await read(a))?.v).toEqual({ N: '2' });
  });

  it('cancels on a condition check alone, as DynamoDB does', async () => {
    const org = fresh('org');
    await setUp(put(itemOf(org)));
    const { second } = await overlapping(
      () => tx(check(org), put(itemOf(fresh('b1')))),
      () => tx(check(org), put(itemOf(fresh('b2')))),
    );
    expect(reasons(second)).toEqual(['TransactionConflict', 'None']);
  });

  it('answers a single write on an item a transaction holds with TransactionConflictException', async () => {
    const a = fresh('single');
    const { second } = await overlapping(
      () => tx(setV(a, 1)),
      () => once.send(new PutItemCommand({ TableName: table, Item: { ...key(a), v: { N: '9' } } })),
    );
    expect(second).toBeInstanceOf(TransactionConflictException);
    expect((second as TransactionConflictException).$metadata.attempts).toBe(1);
    // Once the transaction is answered the item is free again.
    await once.send(new PutItemCommand({ TableName: table, Item: { ...key(a), v: { N: '9' } } }));
    expect((await read(a))?.v).toEqual({ N: '9' });
  });

  it('reaches ElectroDB and the transaction helper as a conflict, which the helper sends again', async () => {
    const service = createService(DynamoDBDocumentClient.from(once), table);
    const scope = fresh('scope');
    const write = () =>
      commitTransaction(service, (t) => [
        {
          label: 'record',
          write: t.idempotency.update({ scope, key: 'k' }).set({ lockedUntil: 2 }).commit(),
        },
      ]);
    const raw: Item = { pk: { S: `${scope}#idem#k` }, sk: { S: 'idem' } };
    const holding = () =>
      once.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Update: {
                TableName: table,
                Key: raw,
                UpdateExpression: 'SET lockedUntil = :l',
                ExpressionAttributeValues: { ':l': { N: '1' } },
              },
            },
          ],
        }),
      );
    const before = held.counters().transactionConflicts;
    const { second } = await overlapping(holding, write);
    // Its first two tries fall inside the hold (the first retry waits at most 25 ms of 150).
    expect(held.counters().transactionConflicts - before).toBeGreaterThanOrEqual(2);
    // Then it commits, or, if the hold outlasted its own retries, answers TEMPORARILY_UNAVAILABLE.
    if (second instanceof DomainError) expect(second).toMatchObject({ code: 'TEMPORARILY_UNAVAILABLE' });
    else expect(second).toEqual({ committed: true, failed: new Set() });
    // With retries that outlast a hold, the same write goes through.
    const retried = overlapping(holding, () =>
      retryTransient(write, { attempts: 10, baseDelayMs: HOLD_MS / 2 }),
    );
    expect((await retried).second).toEqual({ committed: true, failed: new Set() });
  });
});

describe('hot items through the contention proxy', () => {
  const putItem = (client: DynamoDBClient, item: Item) =>
    client.send(new PutItemCommand({ TableName: table, Item: item }));

  it('throttles a single item past 1,000 write units in a second, and not at 1,000', async () => {
    const hot = itemOf(fresh('hot'), 250 * 1024); // 250 write units a put
    for (let i = 0; i < 4; i++) await putItem(onceFree, hot);
    const refused = await putItem(onceFree, hot).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ThrottlingException);
    expect(refused).toMatchObject({
      $metadata: { httpStatusCode: 400 },
      throttlingReasons: [{ reason: 'TableWriteKeyRangeThroughputExceeded' }],
    });
    // Another item is not affected.
    await putItem(onceFree, itemOf(fresh('cold'), 250 * 1024));
    // The SDK retries a throttle by itself (backing off, with its own attempts).
    const retried = await putItem(sdkRetries, hot).then(
      (out) => out.$metadata.attempts,
      (e: ThrottlingException) => e.$metadata.attempts,
    );
    expect(retried).toBe(2);
  });

  it('counts transactional writes double: a third 200 KB put in a second is cancelled with ThrottlingError', async () => {
    const hot = itemOf(fresh('txhot'), 200 * 1024); // 400 write units in a transaction
    await setUp(put(hot));
    await setUp(put(hot));
    const refused = await setUp(put(hot), put(itemOf(fresh('other')))).catch((e: unknown) => e);
    expect(reasons(refused)).toEqual(['ThrottlingError', 'None']);
  });

  it('counts what it did, over HTTP as well', async () => {
    const conflicts = await fetchContentionCounters(held.endpoint);
    expect(conflicts).toEqual(held.counters());
    expect(conflicts).toMatchObject({ writeConflicts: 1, writeThrottles: 0 });
    // One in each overlap above, and at least one for the retried write.
    expect(conflicts.transactionConflicts).toBeGreaterThanOrEqual(4);
    const throughput = await fetchContentionCounters(free.endpoint);
    expect(throughput).toMatchObject({ transactionConflicts: 0, transactionThrottles: 1 });
    expect(throughput.writeThrottles).toBeGreaterThanOrEqual(2);
    // The hottest item: four 250 KB puts, and whatever the SDK's retries got in.
    expect(throughput.items[0]).toMatchObject({ peakUnitsPerSecond: 1000, throttles: expect.any(Number) });
    expect(throughput.items[0]!.writeUnits).toBeGreaterThanOrEqual(1000);
    const reset = await fetchContentionCounters(free.endpoint, true);
    expect(reset).toMatchObject({ transactionThrottles: 0, writeUnits: 0, items: [] });
  });
});
