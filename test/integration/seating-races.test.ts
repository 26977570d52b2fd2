import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import type { Deps } from '../../functions/kernel/domain/deps.js';
import { book } from '../../functions/modules/bookings/domain/bookings.js';
import type { Booking } from '../../functions/modules/bookings/domain/model.js';
import { createSessions, updateSession } from '../../functions/modules/catalog/domain/sessions.js';
import { maxPlacesCheckedEach } from '../../functions/modules/catalog/domain/sessions-places.js';
import { getSession } from '../../functions/modules/catalog/domain/sessions-reads.js';
import { checkInvariants } from '../../scripts/invariants/check.js';
import { scanTable } from '../../scripts/invariants/scan.js';
import { bookingWorld, counterOf, manualClock, owner } from './booking-world.js';
import { freshContainer } from './fixtures.js';

/**
 * A change of a session's places racing a booking, against DynamoDB Local. The race is made
 * deterministic: a booking lands right after the change has read the session's bookings, before
 * it writes; the change must then see that booking and never leave it on a place that is gone.
 */

let c: Container & { tableName: string };
let w: Awaited<ReturnType<typeof bookingWorld>>;
let roomId: string;
let day = 0;

const seatedSession = async (rows: { name: string; seats: number }[]) => {
  day += 1;
  const { sessions } = await createSessions(c.deps, owner, w.orgId, w.freeEventId, {
    startsAt: `2031-03-${String(day).padStart(2, '0')}T19:00`,
    roomId,
    seatingMode: 'seated',
    seatMap: { rows },
  });
  return sessions[0]!.sessionId;
};

const violations = async () =>
  checkInvariants(await scanTable({ tableName: c.tableName, endpoint: process.env.DYNAMODB_ENDPOINT! }))
    .violations;

/**
 * Runs `change` while the first read of the session's bookings (the booked seats, or the counter
 * when `on` says so) is followed at once by `racer`, which books through the plain dependencies:
 * answers the change's outcome, the racing booking and how many times the change read.
 */
const racing = async <T>(
  on: 'bookedSeats' | 'getCounter',
  racer: (plain: Deps) => Promise<Booking>,
  change: () => Promise<T>,
) => {
  const plain = { ...c.deps };
  const { bookings, sessions } = plain;
  let raced: Promise<Booking> | undefined;
  let reads = 0;
  const afterRead = async <R>(read: Promise<R>): Promise<R> => {
    const result = await read;
    reads += 1;
    if (!raced) {
      raced = racer(plain);
      await raced;
    }
    return result;
  };
  c.deps.bookings =
    on === 'bookedSeats'
      ? { ...bookings, bookedSeats: (o, s) => afterRead(bookings.bookedSeats(o, s)) }
      : bookings;
  c.deps.sessions =
    on === 'getCounter'
      ? { ...sessions, getCounter: (o, s) => afterRead(sessions.getCounter(o, s)) }
      : sessions;
  try {
    const outcome = await change().then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    return { outcome, booking: await raced, reads };
  } finally {
    c.deps.bookings = bookings;
    c.deps.sessions = sessions;
  }
};

describe('changing places while bookings land', () => {
  beforeAll(async () => {
    c = await freshContainer({ SCHEDULER_MODE: 'local' });
    manualClock(c.deps, new Date('2029-12-01T10:00:00Z'));
    w = await bookingWorld(c);
    const event = await c.deps.events.get(w.orgId, w.freeEventId);
    roomId = (await c.deps.venues.get(w.orgId, event!.venueId))!.rooms[0]!.roomId;
  });

  /** Row B (of `rowB` seats) goes while `label` is booked: ada already holds A1. */
  const dropRowBWhileBooking = async (rowB: number, label: string) => {
    const sessionId = await seatedSession([
      { name: 'A', seats: 4 },
      { name: 'B', seats: rowB },
    ]);
    await book(c.deps, owner, w.orgId, sessionId, { attendeeId: w.ada, seatLabels: ['A1'] });
    const race = await racing(
      'bookedSeats',
      (plain) => book(plain, owner, w.orgId, sessionId, { attendeeId: w.guest, seatLabels: [label] }),
      () =>
        updateSession(c.deps, owner, w.orgId, sessionId, {
          capacity: 4,
          seatMap: { rows: [{ name: 'A', seats: 4 }] },
        }),
    );
    expect(race.booking?.seatLabels).toEqual([label]);
    return { sessionId, ...race };
  };

  it('refuses a seat map that drops a seat booked after the check read the bookings', async () => {
    const { sessionId, outcome } = await dropRowBWhileBooking(4, 'B2');
    expect(outcome).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { labels: ['B2'] } } });
    // The seat map is the old one, with both bookings on it.
    const session = await getSession(c.deps, owner, w.orgId, sessionId);
    expect(session.seatMap?.seats).toHaveLength(8);
    expect(await violations()).toEqual([]);
  });

  it('a booking on a kept seat does not disturb the change: it is written in its first round', async () => {
    const { sessionId, outcome, reads } = await dropRowBWhileBooking(4, 'A3');
    expect(outcome.ok).toBe(true);
    expect(reads).toBe(1);
    const session = await getSession(c.deps, owner, w.orgId, sessionId);
    expect(session.seatMap?.seats).toEqual(['A1', 'A2', 'A3', 'A4']);
    expect(await counterOf(c, w.orgId, sessionId)).toMatchObject({ capacity: 4, available: 2, confirmed: 2 });
    expect(await violations()).toEqual([]);
  });

  it('dropping more seats than a transaction checks one by one waits for the bookings to hold still', async () => {
    const { sessionId, outcome, reads } = await dropRowBWhileBooking(maxPlacesCheckedEach + 5, 'A2');
    // The booking moved the counter after the check: the change read the bookings again, then wrote.
    expect(outcome.ok).toBe(true);
    expect(reads).toBe(2);
    expect(await counterOf(c, w.orgId, sessionId)).toMatchObject({ capacity: 4, available: 2, confirmed: 2 });
    expect(await violations()).toEqual([]);
  });

  it('a session found without bookings cannot switch to seats under a booking that lands meanwhile', async () => {
    day += 1;
    const { sessions } = await createSessions(c.deps, owner, w.orgId, w.freeEventId, {
      startsAt: `2031-03-${String(day).padStart(2, '0')}T19:00`,
      roomId,
      capacity: 4,
    });
    const sessionId = sessions[0]!.sessionId;
    const race = await racing(
      'getCounter',
      (plain) => book(plain, owner, w.orgId, sessionId, { attendeeId: w.ada }),
      () =>
        updateSession(c.deps, owner, w.orgId, sessionId, {
          seatingMode: 'seated',
          seatMap: { rows: [{ name: 'A', seats: 4 }] },
        }),
    );
    expect(race.booking?.status).toBe('confirmed');
    expect(race.outcome).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect((await getSession(c.deps, owner, w.orgId, sessionId)).seatingMode).toBe('general');
    expect(await violations()).toEqual([]);
  });
});
