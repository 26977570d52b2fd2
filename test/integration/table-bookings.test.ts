import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { DomainError } from '../../functions/kernel/domain/errors.js';
import { book } from '../../functions/modules/bookings/domain/bookings.js';
import { getAvailability, getBooking } from '../../functions/modules/bookings/domain/bookings-view.js';
import { createSessions, updateSession } from '../../functions/modules/catalog/domain/sessions.js';
import { checkInvariants } from '../../scripts/invariants/check.js';
import { scanTable } from '../../scripts/invariants/scan.js';
import { bookingWorld, counterOf, manualClock, owner, refOf } from './booking-world.js';
import { freshContainer } from './fixtures.js';

/** Table sessions against DynamoDB Local: every place is a seat item `${table}-${n}`. */

let c: Container & { tableName: string };
let w: Awaited<ReturnType<typeof bookingWorld>>;
let roomId: string;
let day = 0;

const tablesSession = async (tables: { name: string; capacity: number }[]) => {
  day += 1;
  const { sessions } = await createSessions(c.deps, owner, w.orgId, w.freeEventId, {
    startsAt: `2031-02-${String(day).padStart(2, '0')}T19:00`,
    roomId,
    seatingMode: 'tables',
    tables,
  });
  return sessions[0]!.sessionId;
};

const violations = async () =>
  (
    await checkInvariants(
      await scanTable({ tableName: c.tableName, endpoint: process.env.DYNAMODB_ENDPOINT! }),
    )
  ).violations;

beforeAll(async () => {
  c = await freshContainer({ SCHEDULER_MODE: 'local' });
  manualClock(c.deps, new Date('2029-12-01T10:00:00Z'));
  w = await bookingWorld(c);
  roomId = (await w.session(w.freeEventId, 'general')).roomId;
});

describe('table sessions against DynamoDB Local', () => {
  it('seats a party at one table, then others at the lowest table with room, else at the fewest tables', async () => {
    const sessionId = await tablesSession([
      { name: 'Table 1', capacity: 4 },
      { name: 'Table 2', capacity: 4 },
      { name: 'Table 3', capacity: 2 },
    ]);
    const party = await book(c.deps, owner, w.orgId, sessionId, { partyId: w.partyId });
    expect(party.seatLabels).toEqual(['Table 1-1', 'Table 1-2', 'Table 1-3']);
    expect((await getBooking(c.deps, owner, refOf(party))).tables).toEqual(['Table 1']);

    const pair = await book(c.deps, owner, w.orgId, sessionId, { attendeeId: w.ada, seats: 2 });
    expect(pair.seatLabels).toEqual(['Table 2-1', 'Table 2-2']);
    const four = await book(c.deps, owner, w.orgId, sessionId, { attendeeId: w.guest, seats: 4 });
    expect(four.seatLabels).toEqual(['Table 2-3', 'Table 2-4', 'Table 3-1', 'Table 3-2']);
    expect((await getBooking(c.deps, owner, refOf(four))).tables).toEqual(['Table 2', 'Table 3']);

    const availability = await getAvailability(c.deps, owner, w.orgId, sessionId);
    expect(availability).toMatchObject({ capacity: 10, available: 1, confirmed: 9 });
    expect(availability.tables).toEqual([
      { name: 'Table 1', capacity: 4, free: 1 },
      { name: 'Table 2', capacity: 4, free: 0 },
      { name: 'Table 3', capacity: 2, free: 0 },
    ]);
    expect(availability.seats?.filter((s) => s.state === 'free')).toEqual([
      { label: 'Table 1-4', state: 'free' },
    ]);

    await expect(
      book(c.deps, owner, w.orgId, sessionId, { attendeeId: w.ada, seatLabels: ['Table 2-1'] }),
    ).rejects.toMatchObject({ code: 'SEAT_TAKEN', details: { labels: ['Table 2-1'] } });
    const last = await book(c.deps, owner, w.orgId, sessionId, {
      attendeeId: w.ada,
      seatLabels: ['Table 1-4'],
    });
    expect(last.seatLabels).toEqual(['Table 1-4']);
    await expect(book(c.deps, owner, w.orgId, sessionId, { attendeeId: w.ada })).rejects.toMatchObject({
      code: 'CAPACITY_EXHAUSTED',
    });
    expect(await violations()).toEqual([]);
  });

  it('keeps booked places valid when the tables change', async () => {
    const sessionId = await tablesSession([
      { name: 'A', capacity: 2 },
      { name: 'B', capacity: 2 },
    ]);
    await book(c.deps, owner, w.orgId, sessionId, { attendeeId: w.ada, seats: 2 });
    await expect(
      updateSession(c.deps, owner, w.orgId, sessionId, {
        tables: [
          { name: 'X', capacity: 2 },
          { name: 'B', capacity: 2 },
        ],
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT', details: { labels: ['A-1', 'A-2'] } });
    await expect(
      updateSession(c.deps, owner, w.orgId, sessionId, { seatingMode: 'general', capacity: 4 }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    // Renaming a free table, or adding places, keeps every booked label.
    const renamed = await updateSession(c.deps, owner, w.orgId, sessionId, {
      capacity: 5,
      tables: [
        { name: 'A', capacity: 2 },
        { name: 'C', capacity: 3 },
      ],
    });
    expect(renamed.tables).toEqual([
      { name: 'A', capacity: 2 },
      { name: 'C', capacity: 3 },
    ]);
    const next = await book(c.deps, owner, w.orgId, sessionId, { attendeeId: w.guest, seats: 3 });
    expect(next.seatLabels).toEqual(['C-1', 'C-2', 'C-3']);
    expect(await violations()).toEqual([]);
  });

  it('never gives one place to two bookings made at the same time', async () => {
    const sessionId = await tablesSession([
      { name: 'T1', capacity: 4 },
      { name: 'T2', capacity: 4 },
      { name: 'T3', capacity: 4 },
    ]);
    const attempts = await Promise.allSettled(
      Array.from({ length: 24 }, (_, i) =>
        book(c.deps, owner, w.orgId, sessionId, { attendeeId: i % 2 ? w.ada : w.guest, seats: (i % 3) + 1 }),
      ),
    );
    const booked = attempts.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    for (const a of attempts) {
      if (a.status === 'rejected') {
        expect(a.reason).toBeInstanceOf(DomainError);
        expect(['SEAT_TAKEN', 'CAPACITY_EXHAUSTED', 'TEMPORARILY_UNAVAILABLE']).toContain(a.reason.code);
      }
    }
    const labels = booked.flatMap((b) => b.seatLabels);
    expect(booked.length).toBeGreaterThan(0);
    expect(new Set(labels).size).toBe(labels.length);
    const counter = await counterOf(c, w.orgId, sessionId);
    expect(counter.confirmed).toBe(labels.length);
    expect(counter.available).toBe(12 - labels.length);
    expect(await violations()).toEqual([]);
  });
});
