import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { createService } from '../../functions/kernel/dynamo/service.js';
import { book } from '../../functions/modules/bookings/domain/bookings.js';
import { cancelBooking } from '../../functions/modules/bookings/domain/bookings-changes.js';
import { cancelSession } from '../../functions/modules/bookings/domain/session-cancellation.js';
import { joinWaitlist } from '../../functions/modules/bookings/domain/waitlist-join.js';
import { updateEvent } from '../../functions/modules/catalog/domain/events.js';
import { updateSession } from '../../functions/modules/catalog/domain/sessions.js';
import { sessionFingerprints } from '../../scripts/invariants/fingerprint.js';
import { scanTable } from '../../scripts/invariants/scan.js';
import { readSessions } from '../../scripts/invariants/session-read.js';
import { checkedEntities, toSnapshot } from '../../scripts/invariants/snapshot.js';
import { ada, bookingWorld, codeOf, counterOf, owner, refOf, shardedCounters } from './booking-world.js';
import { freshContainer, retryingBusy } from './fixtures.js';
import { expectInvariantsHold } from './invariants-script.js';

/**
 * A hot session's places split over several counter items (counter-shards.ts): here one item per
 * 5 places, at most 4, so a session of 20 places gets 4.
 */
describe('sharded session counters', () => {
  let c: Container & { tableName: string };
  let w: Awaited<ReturnType<typeof bookingWorld>>;

  const items = async (sessionId: string) => {
    const service = createService(
      createDocumentClient({ region: 'eu-west-1', endpoint: process.env.DYNAMODB_ENDPOINT }),
      c.tableName,
    );
    const { data: main } = await service.entities.sessionCounter
      .get({ orgId: w.orgId, sessionId })
      .go({ consistent: true });
    const others = [];
    for (let shard = 1; shard < (main?.shards ?? 1); shard += 1) {
      const { data } = await service.entities.sessionCounterShard
        .get({ orgId: w.orgId, sessionId, shard })
        .go({ consistent: true });
      others.push(data);
    }
    return { main, others };
  };

  /** A buyer honouring "retry shortly" (503) a few times, as clients do. */
  const bookOne = (sessionId: string, seats = 1) =>
    retryingBusy(() => book(c.deps, owner, w.orgId, sessionId, { attendeeId: w.ada, seats }));

  beforeAll(async () => {
    c = await freshContainer(shardedCounters);
    w = await bookingWorld(c);
  });

  it('keeps one counter for a small session', async () => {
    const s = await w.session(w.freeEventId, 'general', 9);
    await bookOne(s.sessionId);
    const { main, others } = await items(s.sessionId);
    expect(main?.shards).toBeUndefined();
    expect(others).toHaveLength(0);
    expect(await counterOf(c, w.orgId, s.sessionId)).toMatchObject({ available: 8, confirmed: 1 });
  });

  it('opens its shards on the first bookings and sells every place exactly once, with no false sold out', async () => {
    const s = await w.session(w.freeEventId, 'general', 20);
    // The first few one by one: each picks an item at random, and the first to find one missing
    // opens them all; then a crowd for the rest.
    const outcomes: PromiseSettledResult<unknown>[] = [];
    for (let i = 0; i < 6; i += 1) outcomes.push(...(await Promise.allSettled([bookOne(s.sessionId)])));
    outcomes.push(...(await Promise.allSettled(Array.from({ length: 18 }, () => bookOne(s.sessionId)))));
    const booked = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as { code?: string }] : []));
    expect(booked).toHaveLength(20);
    expect(refused.map((r) => r.code)).toEqual(Array(4).fill('CAPACITY_EXHAUSTED'));
    const { main, others } = await items(s.sessionId);
    expect(main?.shards).toBe(4);
    expect(others.every((o) => o?.available === 0)).toBe(true);
    // The bookings went through more than one item.
    expect(others.some((o) => (o?.confirmed ?? 0) > 0)).toBe(true);
    expect(await counterOf(c, w.orgId, s.sessionId)).toMatchObject({
      capacity: 20,
      available: 0,
      held: 0,
      confirmed: 20,
    });
    expect((await codeOf(bookOne(s.sessionId))).code).toBe('CAPACITY_EXHAUSTED');
  });

  it('moves places between shards for a party larger than any one of them still holds', async () => {
    const s = await w.session(w.freeEventId, 'general', 20);
    for (let i = 0; i < 12; i += 1) await bookOne(s.sessionId);
    const before = await items(s.sessionId);
    const holdings = [before.main, ...before.others].map((i) => i?.available ?? 0);
    expect(holdings.reduce((a, b) => a + b, 0)).toBe(8);
    // Eight places left: no single item may hold them all, yet the party of eight gets in.
    await bookOne(s.sessionId, 8);
    expect(await counterOf(c, w.orgId, s.sessionId)).toMatchObject({ available: 0, confirmed: 20 });
    expect((await codeOf(bookOne(s.sessionId))).code).toBe('CAPACITY_EXHAUSTED');
  });

  it('gives freed places back to the main counter, and sums stay exact through cancellations', async () => {
    const s = await w.session(w.freeEventId, 'general', 20);
    const made = [];
    for (let i = 0; i < 20; i += 1) made.push(await bookOne(s.sessionId));
    for (const b of made.slice(0, 5)) await cancelBooking(c.deps, owner, refOf(b));
    const { main } = await items(s.sessionId);
    expect(main?.available).toBe(5);
    expect(await counterOf(c, w.orgId, s.sessionId)).toMatchObject({ available: 5, confirmed: 15 });
    // Free places anywhere are found again.
    for (let i = 0; i < 5; i += 1) await bookOne(s.sessionId);
    expect(await counterOf(c, w.orgId, s.sessionId)).toMatchObject({ available: 0, confirmed: 20 });
  });

  it('sweeps every shard back to the main counter when someone joins the line: no booking passes them', async () => {
    const s = await w.session(w.freeEventId, 'general', 20);
    for (let i = 0; i < 6; i += 1) await bookOne(s.sessionId);
    await joinWaitlist(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada, partySize: 1 });
    const { main, others } = await items(s.sessionId);
    expect(others.every((o) => o?.available === 0)).toBe(true);
    expect(main?.waiting).toBe(1);
    const counter = await counterOf(c, w.orgId, s.sessionId);
    expect(counter.available + counter.held + counter.confirmed).toBe(20);
    const refused = await codeOf(bookOne(s.sessionId));
    expect(refused.code).toBe('CAPACITY_EXHAUSTED');
    expect(refused.details).toMatchObject({ waiting: 1 });
  });

  it('a change of capacity sweeps the shards and checks the sum: down to what is taken, never below', async () => {
    const s = await w.session(w.freeEventId, 'general', 20);
    for (let i = 0; i < 7; i += 1) await bookOne(s.sessionId);
    expect((await codeOf(updateSession(c.deps, owner, w.orgId, s.sessionId, { capacity: 6 }))).code).toBe(
      'CAPACITY_IN_USE',
    );
    await updateSession(c.deps, owner, w.orgId, s.sessionId, { capacity: 10 });
    expect(await counterOf(c, w.orgId, s.sessionId)).toMatchObject({
      capacity: 10,
      available: 3,
      confirmed: 7,
    });
    const { main, others } = await items(s.sessionId);
    expect(main?.available).toBe(3);
    expect(others.every((o) => o?.available === 0)).toBe(true);
    for (let i = 0; i < 3; i += 1) await bookOne(s.sessionId);
    expect((await codeOf(bookOne(s.sessionId))).code).toBe('CAPACITY_EXHAUSTED');
  });

  it('a change of the event or a cancellation of the session reaches every shard', async () => {
    const s = await w.session(w.freeEventId, 'general', 20);
    for (let i = 0; i < 8; i += 1) await bookOne(s.sessionId);
    await updateEvent(c.deps, owner, w.orgId, w.freeEventId, { title: 'Renamed again' });
    const version = (await c.deps.events.get(w.orgId, w.freeEventId))!.updatedAt;
    const stamped = await items(s.sessionId);
    expect([stamped.main, ...stamped.others].map((i) => i?.eventStamp)).toEqual(Array(4).fill(version));
    await bookOne(s.sessionId);
    await cancelSession(c.deps, owner, w.orgId, s.sessionId, 'storm');
    const closed = await items(s.sessionId);
    const stamps = [closed.main, ...closed.others].map((i) => i?.sessionStamp);
    expect(new Set(stamps).size).toBe(1);
    expect(stamps[0]).toMatch(/#closed$/);
    expect((await codeOf(bookOne(s.sessionId))).code).toBe('NOT_BOOKABLE');
  });

  it('the invariant checker re-reads a sharded session by its partitions: the same items the scan finds', async () => {
    const location = { tableName: c.tableName, endpoint: process.env.DYNAMODB_ENDPOINT as string };
    const scanned = await scanTable(location, checkedEntities());
    expect(scanned.some((item) => item.__edb_e__ === 'sessionCounterShard')).toBe(true);
    const refs = toSnapshot(scanned).sessions.map(({ orgId, sessionId }) => ({ orgId, sessionId }));
    expect(sessionFingerprints(await readSessions(location, refs))).toEqual(sessionFingerprints(scanned));
  });

  it('leaves every sharded session consistent by the invariant checker: the sums balance and match the bookings', async () => {
    expect(await expectInvariantsHold(c.tableName)).toContain('7 sessions');
  });
});
