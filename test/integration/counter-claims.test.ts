import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { createDocumentClient, onDynamoClientCreated } from '../../functions/kernel/dynamo/client.js';
import { book } from '../../functions/modules/bookings/domain/bookings.js';
import { cancelSession } from '../../functions/modules/bookings/domain/session-cancellation.js';
import { joinWaitlist } from '../../functions/modules/bookings/domain/waitlist-join.js';
import { changeEventStatus, updateEvent } from '../../functions/modules/catalog/domain/events.js';
import { updateSession } from '../../functions/modules/catalog/domain/sessions.js';
import {
  ada,
  bookingWorld,
  claimsOf,
  codeOf,
  counterOf,
  owner,
  publishedEventAt,
  repeatBookings,
  shardedCounters,
} from './booking-world.js';
import { freshContainer } from './fixtures.js';
import { expectInvariantsHold } from './invariants-script.js';

/**
 * A general-admission booking takes its places with a write of its own, then commits its
 * transaction (counter-claims.ts in the catalog). Here a change lands exactly between the two: the
 * container's DynamoDB client runs it just before it sends the booking's transaction (the one that
 * consumes a claim), so the interleaving that a real race produces only sometimes happens every
 * time. Run on plain DynamoDB Local and under the contention model (`npm run test:contention`).
 */
describe('claims: a change between a booking’s take and its transaction', () => {
  let c: Container & { tableName: string };
  let w: Awaited<ReturnType<typeof bookingWorld>>;
  /** Runs once, before the next booking transaction that consumes a claim is sent. */
  let beforeCommit: (() => Promise<unknown>) | undefined;

  const consumesClaim = (input: unknown): boolean =>
    (input as { TransactItems?: { Delete?: { Key?: { pk?: { S?: string } } } }[] }).TransactItems?.some((i) =>
      i.Delete?.Key?.pk?.S?.endsWith('#claims'),
    ) ?? false;

  const balanced = async (sessionId: string) => {
    const counter = await counterOf(c, w.orgId, sessionId);
    expect(counter.available + counter.held + counter.confirmed).toBe(counter.capacity);
    return counter;
  };

  /** The main counter item as stored (a plain read: a second ElectroDB service would take over the entities' client). */
  const mainCounter = async (sessionId: string) =>
    (
      await createDocumentClient({ region: 'eu-west-1', endpoint: process.env.DYNAMODB_ENDPOINT }).send(
        new GetCommand({
          TableName: c.tableName,
          Key: { pk: `${w.orgId}#session#${sessionId}#counter`, sk: 'counter' },
          ConsistentRead: true,
        }),
      )
    ).Item;

  beforeAll(async () => {
    const stop = onDynamoClientCreated((client: DynamoDBClient) => {
      client.middlewareStack.add(
        (next, context) => async (args) => {
          if (
            context.commandName === 'TransactWriteItemsCommand' &&
            beforeCommit &&
            consumesClaim(args.input)
          ) {
            const change = beforeCommit;
            beforeCommit = undefined;
            await change();
          }
          return next(args);
        },
        { step: 'initialize', name: 'changeBeforeCommit' },
      );
    });
    c = await freshContainer(shardedCounters);
    stop();
    w = await bookingWorld(c);
  });

  it('a cancellation in between: the booking is refused, its places given back, nothing left behind', async () => {
    const s = await w.session(w.freeEventId, 'general', 20);
    beforeCommit = () => cancelSession(c.deps, owner, w.orgId, s.sessionId, 'storm');
    const err = await codeOf(book(c.deps, owner, w.orgId, s.sessionId, { attendeeId: w.ada }));
    expect(beforeCommit).toBeUndefined();
    expect(err).toMatchObject({ code: 'NOT_BOOKABLE', details: { currentStatus: 'cancelled' } });
    expect(await balanced(s.sessionId)).toMatchObject({ available: 20, confirmed: 0 });
    expect(await c.deps.bookings.listBySession(w.orgId, s.sessionId, { limit: 10 })).toMatchObject({
      items: [],
    });
    expect(await claimsOf(c, w.orgId, s.sessionId)).toEqual([]);
  });

  it('postponing the event in between: the booking is refused on every shard', async () => {
    const venueId = (await c.deps.events.get(w.orgId, w.freeEventId))!.venueId;
    const eventId = await publishedEventAt(c, w.orgId, venueId, { settings: repeatBookings });
    const s = await w.session(eventId, 'general', 20);
    // Opens the session's counter items (one per 5 places).
    for (let i = 0; i < 4; i += 1) await book(c.deps, owner, w.orgId, s.sessionId, { attendeeId: w.ada });
    beforeCommit = () => changeEventStatus(c.deps, owner, w.orgId, eventId, 'postponed');
    const err = await codeOf(book(c.deps, owner, w.orgId, s.sessionId, { attendeeId: w.ada }));
    expect(beforeCommit).toBeUndefined();
    expect(err.code).toBe('NOT_BOOKABLE');
    expect(await balanced(s.sessionId)).toMatchObject({ available: 16, confirmed: 4 });
    expect(await claimsOf(c, w.orgId, s.sessionId)).toEqual([]);
  });

  it('a change of the event’s terms in between: refused, then booked on a fresh read of the new version', async () => {
    const venueId = (await c.deps.events.get(w.orgId, w.freeEventId))!.venueId;
    const eventId = await publishedEventAt(c, w.orgId, venueId);
    const s = await w.session(eventId, 'general', 20);
    beforeCommit = () =>
      updateEvent(c.deps, owner, w.orgId, eventId, { settings: { maxSeatsPerBooking: 3 } });
    const made = await book(c.deps, owner, w.orgId, s.sessionId, { attendeeId: w.ada, seats: 2 });
    expect(beforeCommit).toBeUndefined();
    expect(made.status).toBe('confirmed');
    expect(await balanced(s.sessionId)).toMatchObject({ available: 18, confirmed: 2 });
    expect(await claimsOf(c, w.orgId, s.sessionId)).toEqual([]);
  });

  it('a change of capacity in between: the booking is judged again on the new session', async () => {
    const s = await w.session(w.freeEventId, 'general', 20);
    beforeCommit = () => updateSession(c.deps, owner, w.orgId, s.sessionId, { capacity: 10 });
    const made = await book(c.deps, owner, w.orgId, s.sessionId, { attendeeId: w.ada });
    expect(beforeCommit).toBeUndefined();
    expect(made.status).toBe('confirmed');
    expect(await balanced(s.sessionId)).toMatchObject({ capacity: 10, available: 9, confirmed: 1 });
  });

  it('somebody joins the line in between: the refused booking’s places go to the main counter, for the line', async () => {
    const s = await w.session(w.freeEventId, 'general', 20);
    for (let i = 0; i < 4; i += 1) await book(c.deps, owner, w.orgId, s.sessionId, { attendeeId: w.ada });
    // A holder that is not the caller's own attendee: the transaction refuses it, after the join.
    beforeCommit = () => joinWaitlist(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada, partySize: 1 });
    const err = await codeOf(book(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.guest }));
    expect(beforeCommit).toBeUndefined();
    expect(err.code).toBe('NOT_FOUND');
    const counter = await balanced(s.sessionId);
    expect(counter).toMatchObject({ available: 16, confirmed: 4, waiting: 1 });
    // Every free place is on the main counter (shards get none while anyone waits).
    expect(await mainCounter(s.sessionId)).toMatchObject({ available: 16 });
    expect(await claimsOf(c, w.orgId, s.sessionId)).toEqual([]);
  });

  it('leaves every session consistent by the invariant checker', async () => {
    await expectInvariantsHold(c.tableName);
  });
});
