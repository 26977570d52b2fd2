import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { DomainError } from '../../functions/kernel/domain/errors.js';
import { createDocumentClient, lowLevelClientOf } from '../../functions/kernel/dynamo/client.js';
import { createService } from '../../functions/kernel/dynamo/service.js';
import { errorResponse } from '../../functions/kernel/http/problem.js';
import { dynamoBookingStore } from '../../functions/modules/bookings/adapters/booking-store.js';
import { book } from '../../functions/modules/bookings/domain/bookings.js';
import { listSessionBookings } from '../../functions/modules/bookings/domain/bookings-view.js';
import { ada, bookingWorld, claimsOf, counterOf, manualClock, owner } from './booking-world.js';
import { freshContainer } from './fixtures.js';

/**
 * DynamoDB Local serializes requests and never answers TransactionConflict or throttles, so these
 * tests put aws-sdk-client-mock on the booking store's own low-level client for TransactWriteItems only;
 * every other request (the reads, and a transaction let through) goes to DynamoDB Local.
 */

const conflict = () =>
  Object.assign(
    new Error(
      'Transaction cancelled, please refer cancellation reasons for specific reasons [None, TransactionConflict]',
    ),
    {
      name: 'TransactionCanceledException',
      CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
      $metadata: { httpStatusCode: 400 },
    },
  );

const throttle = () =>
  Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), {
    name: 'ProvisionedThroughputExceededException',
    $metadata: { httpStatusCode: 400 },
  });

describe('booking faults (aws-sdk-client-mock for conflicts and throttles DynamoDB Local cannot produce)', () => {
  let c: Container & { tableName: string };
  let w: Awaited<ReturnType<typeof bookingWorld>>;
  let client: DynamoDBDocumentClient;
  let mock: ReturnType<typeof mockClient>;

  beforeAll(async () => {
    c = await freshContainer({ SCHEDULER_MODE: 'local' });
    manualClock(c.deps, new Date('2029-12-01T10:00:00Z'));
    w = await bookingWorld(c);
    client = createDocumentClient({ region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT });
    // The booking transaction goes out on the low-level client under the document client.
    const lowLevel = lowLevelClientOf(client);
    const realSend = lowLevel.send.bind(lowLevel) as (command: unknown) => Promise<unknown>;
    mock = mockClient(lowLevel);
    c.deps.bookings = dynamoBookingStore(createService(client, c.tableName), client, c.tableName);
    mock.send.callsFake(async (command) => {
      if (routed(command)) {
        attempts += 1;
        const err = failing(attempts);
        if (err) throw err;
      }
      return (await realSend(command)) as never;
    });
  });

  afterAll(() => mock.restore());

  /**
   * Fails the requests `routed` picks (transactions unless told otherwise) when `failing` returns
   * an error for the attempt; everything else reaches DynamoDB Local.
   */
  const transactions = (command: object) => command.constructor.name === 'TransactWriteItemsCommand';
  let routed: (command: object) => boolean = transactions;
  let failing: (attempt: number) => Error | undefined = () => undefined;
  let attempts = 0;
  const routeTransactions = (fail: (attempt: number) => Error | undefined, pick = transactions) => {
    attempts = 0;
    failing = fail;
    routed = pick;
    return () => attempts;
  };
  afterEach(() => {
    failing = () => undefined;
    routed = transactions;
  });
  /** A general-admission booking's transaction: the one that consumes its claim. */
  const bookingTransaction = (command: object) =>
    transactions(command) && JSON.stringify((command as { input?: unknown }).input).includes('#claims');
  /** A general-admission booking's take of places from a counter item. */
  const take = (command: object) => command.constructor.name === 'UpdateItemCommand';

  const expectUnavailable = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('TEMPORARILY_UNAVAILABLE');
    const res = errorResponse(err, '/test');
    expect(res.statusCode).toBe(503);
    expect(res.headers?.['retry-after']).toBe('1');
  };

  it('retries a TransactionConflict, then answers 503 with Retry-After and writes nothing', async () => {
    const s = await w.session(w.freeEventId, 'seated');
    const attempts = routeTransactions(() => conflict());
    await expectUnavailable(book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada, seats: 2 }));
    // Eight rounds of three quick tries (booking-create.ts), then 503.
    expect(attempts()).toBe(24);
    const counter = await counterOf(c, w.orgId, s.sessionId);
    expect(counter).toMatchObject({ available: 8, held: 0, confirmed: 0, version: 0 });
    expect((await c.deps.bookings.bookedSeats(w.orgId, s.sessionId)).length).toBe(0);
  });

  it('retries a throttled take, then answers 503 with Retry-After and writes nothing', async () => {
    const s = await w.session(w.freeEventId, 'general');
    const attempts = routeTransactions(() => throttle(), take);
    await expectUnavailable(book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada }));
    // Eight rounds of three quick tries (booking-create.ts), then 503.
    expect(attempts()).toBe(24);
    expect(await counterOf(c, w.orgId, s.sessionId)).toMatchObject({ available: 5, confirmed: 0 });
    expect(await claimsOf(c, w.orgId, s.sessionId)).toEqual([]);
  });

  it('retries a throttled transaction after the take, then answers 503 and gives the places back', async () => {
    const s = await w.session(w.freeEventId, 'general');
    const attempts = routeTransactions(() => throttle(), bookingTransaction);
    await expectUnavailable(book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada }));
    // The transaction's own retries (transactionRetry), then the places go back.
    expect(attempts()).toBe(6);
    expect(await counterOf(c, w.orgId, s.sessionId)).toMatchObject({ available: 5, confirmed: 0 });
    expect((await c.deps.bookings.listBySession(w.orgId, s.sessionId, { limit: 10 })).items).toEqual([]);
    expect(await claimsOf(c, w.orgId, s.sessionId)).toEqual([]);
  });

  it('a conflict that clears on retry books exactly once', async () => {
    const s = await w.session(w.freeEventId, 'general');
    const attempts = routeTransactions((n) => (n === 1 ? conflict() : undefined));
    const b = await book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada, seats: 2 });
    expect(b.status).toBe('confirmed');
    expect(attempts()).toBe(2);
    const { items } = await listSessionBookings(c.deps, owner, w.orgId, s.sessionId, { limit: 10 });
    expect(items.map((i) => i.bookingId)).toEqual([b.bookingId]);
    expect(await counterOf(c, w.orgId, s.sessionId)).toMatchObject({ available: 3, confirmed: 2 });
  });
});
