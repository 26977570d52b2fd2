import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { book } from '../../functions/modules/bookings/domain/bookings.js';
import { cancelSession } from '../../functions/modules/bookings/domain/session-cancellation.js';
import { joinWaitlist } from '../../functions/modules/bookings/domain/waitlist-join.js';
import { changeEventStatus } from '../../functions/modules/catalog/domain/events.js';
import { updateSession } from '../../functions/modules/catalog/domain/sessions.js';
import {
  ada,
  bookingWorld,
  counterOf,
  owner,
  publishedEventAt,
  repeatBookings,
  shardedCounters,
} from './booking-world.js';
import { freshContainer, retryingBusy } from './fixtures.js';
import { expectInvariantsHold } from './invariants-script.js';

/**
 * Changes that must stop bookings, racing bookings spread over a session's counter items (one per
 * 5 places here, at most 4): each wins wherever the bookings land, and no place is counted twice.
 * Run on plain DynamoDB Local and under the contention model (`npm run test:contention`).
 */
describe('sharded counters under racing changes', () => {
  let c: Container & { tableName: string };
  let w: Awaited<ReturnType<typeof bookingWorld>>;

  /** A buyer honouring "retry shortly" (503) a few times, as clients do. */
  const bookOne = (sessionId: string, eventId = w.freeEventId) =>
    retryingBusy(() => book(c.deps, owner, w.orgId, sessionId, { attendeeId: w.ada })).then(
      (b) => ({ ok: true as const, booking: b, eventId }),
      (err: { code?: string }) => ({ ok: false as const, code: err.code ?? String(err) }),
    );

  /** Twenty places, its shards opened by a first few bookings. */
  const hotSession = async (eventId = w.freeEventId) => {
    const s = await w.session(eventId, 'general', 20);
    for (let i = 0; i < 4; i += 1) await book(c.deps, owner, w.orgId, s.sessionId, { attendeeId: w.ada });
    return s;
  };

  const balanced = async (sessionId: string) => {
    const counter = await counterOf(c, w.orgId, sessionId);
    expect(counter.available + counter.held + counter.confirmed).toBe(counter.capacity);
    expect(counter.available).toBeGreaterThanOrEqual(0);
    return counter;
  };

  beforeAll(async () => {
    c = await freshContainer(shardedCounters);
    w = await bookingWorld(c);
  });

  it('a cancellation wins against bookings on every shard: none lands after it', async () => {
    const s = await hotSession();
    const racing = Array.from({ length: 12 }, () => bookOne(s.sessionId));
    await cancelSession(c.deps, owner, w.orgId, s.sessionId, 'storm');
    const after = await Promise.all(Array.from({ length: 6 }, () => bookOne(s.sessionId)));
    expect(after.map((r) => (r.ok ? 'booked' : r.code))).toEqual(Array(6).fill('NOT_BOOKABLE'));
    const raced = await Promise.all(racing);
    for (const r of raced) if (!r.ok) expect(['NOT_BOOKABLE', 'CAPACITY_EXHAUSTED']).toContain(r.code);
    await balanced(s.sessionId);
  });

  it('postponing the event wins against bookings on every shard', async () => {
    const eventId = await publishedEventAt(
      c,
      w.orgId,
      (await c.deps.events.get(w.orgId, w.freeEventId))!.venueId,
      { settings: repeatBookings },
    );
    const s = await hotSession(eventId);
    const racing = Array.from({ length: 12 }, () => bookOne(s.sessionId, eventId));
    await changeEventStatus(c.deps, owner, w.orgId, eventId, 'postponed');
    const after = await Promise.all(Array.from({ length: 6 }, () => bookOne(s.sessionId, eventId)));
    expect(after.every((r) => !r.ok)).toBe(true);
    await Promise.all(racing);
    await balanced(s.sessionId);
  });

  it('joining the line while bookings run: afterwards no direct booking passes the person waiting', async () => {
    const s = await hotSession();
    const racing = Array.from({ length: 10 }, () => bookOne(s.sessionId));
    await joinWaitlist(c.deps, ada, w.orgId, s.sessionId, { attendeeId: w.ada, partySize: 1 });
    const after = await Promise.all(Array.from({ length: 4 }, () => bookOne(s.sessionId)));
    expect(after.map((r) => (r.ok ? 'booked' : r.code))).toEqual(Array(4).fill('CAPACITY_EXHAUSTED'));
    await Promise.all(racing);
    const counter = await balanced(s.sessionId);
    expect(counter.waiting).toBeGreaterThanOrEqual(0);
  });

  it('shrinking the capacity while bookings run never leaves more taken than the capacity', async () => {
    const s = await hotSession();
    const racing = Array.from({ length: 14 }, () => bookOne(s.sessionId));
    const shrink = updateSession(c.deps, owner, w.orgId, s.sessionId, { capacity: 12 }).then(
      () => 'shrunk',
      (err: { code?: string }) => err.code ?? String(err),
    );
    const [outcome] = await Promise.all([shrink, ...racing]);
    const counter = await balanced(s.sessionId);
    if (outcome === 'shrunk') expect(counter.capacity).toBe(12);
    else expect(['CAPACITY_IN_USE', 'CONFLICT']).toContain(outcome);
    expect(counter.held + counter.confirmed).toBeLessThanOrEqual(counter.capacity);
  });

  it('forty buyers for twenty places over four shards: exactly twenty get in', async () => {
    const s = await w.session(w.freeEventId, 'general', 20);
    const outcomes = await Promise.all(Array.from({ length: 40 }, () => bookOne(s.sessionId)));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(20);
    for (const o of outcomes) if (!o.ok) expect(o.code).toBe('CAPACITY_EXHAUSTED');
    expect(await balanced(s.sessionId)).toMatchObject({ available: 0, confirmed: 20 });
  });

  it('leaves every session consistent by the invariant checker', async () => {
    await expectInvariantsHold(c.tableName);
  });
});
