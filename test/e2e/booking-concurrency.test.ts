import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type BookableSession,
  createAttendees,
  createBookableSession,
  createOrganizer,
  createSelfBookers,
  type Organizer,
  type SelfBooker,
} from '../../scripts/booking-load/catalog-fixture.js';
import { setHoldSeconds } from '../../scripts/booking-load/hold-duration.js';
import { bookingPath } from '../../scripts/booking-load/http-booking.js';
import {
  expectedMixedOutcomes,
  mixedClient,
  runMixedOperations,
} from '../../scripts/booking-load/mixed-operations.js';
import { runPool } from '../../scripts/booking-load/pool.js';
import { honouringRetryAfter } from '../../scripts/booking-load/retry-after.js';
import { checkInvariants } from '../../scripts/invariants/check.js';
import { scanTable } from '../../scripts/invariants/scan.js';
import { formatViolation } from '../../scripts/invariants/violation.js';
import { type ApiResponse, useLocalRuntime } from '../support/local-runtime.js';

/**
 * Bookings under concurrency, over HTTP against the local runtime: many requests in flight at once
 * on one session (DynamoDB Local checks conditions and transactions faithfully, so an oversell
 * would show), each test followed by the invariant checker over the whole table.
 */

// 100 requests at once run as 100 invocations in this one process (each its own container in AWS),
// on 2 cores the run's other files share: the outcome is under test here, the latency in bench:onsale.
const rt = useLocalRuntime({ httpTimeoutScale: 4 });

/** Requests in flight at once: real overlap, without opening a socket per request. */
const IN_FLIGHT = 64;
// The long runs (thousands of requests) are `npm run bench:onsale` and `bench:mixed`.
const ATTENDEES = 150;

interface Booking {
  bookingId: string;
  status: 'held' | 'confirmed' | 'cancelled' | 'expired';
  seats: number;
  seatLabels: string[];
}
interface Problem {
  code: string;
  details?: { available?: number; labels?: string[] };
}
interface Availability {
  capacity: number;
  available: number;
  held: number;
  confirmed: number;
}

let org: Organizer;
let attendees: string[];

beforeAll(async () => {
  const token = await rt.mintToken({ sub: 'load-owner', email: 'owner@load.example', name: 'Owner' });
  org = await createOrganizer(rt.call, token, 'Load');
  attendees = await createAttendees(org, ATTENDEES, 'conc', 32);
}, 120_000);

type BookBody = { attendeeId: string; seats?: number; seatLabels?: string[] };

// Clients honour 503 Retry-After, as apps do.
const book = (s: BookableSession, body: BookBody, headers: Record<string, string> = {}) =>
  honouringRetryAfter(() =>
    rt.call<Booking & Problem>('POST', bookingPath(org.orgId, s.sessionId), {
      token: org.token,
      body,
      headers,
    }),
  );

const availability = async (s: BookableSession): Promise<Availability> => {
  const res = await rt.call<{ availability: Availability }>(
    'GET',
    `/v1/orgs/${org.orgId}/sessions/${s.sessionId}`,
    {
      token: org.token,
    },
  );
  expect(res.status, res.text).toBe(200);
  return res.json.availability;
};

const statusCounts = (responses: readonly ApiResponse<unknown>[]): Record<number, number> => {
  const counts: Record<number, number> = {};
  for (const r of responses) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
};

/** The checker over the runtime's whole table: every session any test of this file touched. */
const expectInvariantsHold = async (): Promise<void> => {
  const report = checkInvariants(
    await scanTable({ tableName: rt.runtime.tableName, endpoint: rt.runtime.dynamoEndpoint }),
  );
  expect(report.violations.map(formatViolation)).toEqual([]);
  expect(report.bookings).toBeGreaterThan(0);
};

describe('booking under concurrency', () => {
  it('sells the last place once: capacity 1, 100 requests at once', async () => {
    const s = await createBookableSession(org, { capacity: 1 });
    const responses = await runPool(100, 100, (i) => book(s, { attendeeId: attendees[i]! }));
    expect(statusCounts(responses)).toEqual({ 201: 1, 409: 99 });
    for (const refused of responses.filter((r) => r.status === 409)) {
      expect(refused.json).toMatchObject({ code: 'CAPACITY_EXHAUSTED', details: { available: 0 } });
    }
    expect(await availability(s)).toEqual({ capacity: 1, available: 0, held: 0, confirmed: 1 });
    await expectInvariantsHold();
  }, 60_000);

  it('sells exactly the capacity to 100 users booking for themselves at once, on a remembered session', async () => {
    const s = await createBookableSession(org, { capacity: 20 });
    const users = await createSelfBookers(org, rt.mintToken, 102, 'selfconc', 32);
    const own = (u: SelfBooker, attendeeId = u.attendeeId) =>
      honouringRetryAfter(() =>
        rt.call<Booking & Problem>('POST', bookingPath(org.orgId, s.sessionId), {
          token: u.token,
          body: { attendeeId },
        }),
      );
    // The first booking reads the session; the functions book the rest on what they remember.
    expect((await own(users[100]!)).status).toBe(201);
    const responses = await runPool(100, IN_FLIGHT, (i) => own(users[i]!));
    expect(statusCounts(responses)).toEqual({ 201: 19, 409: 81 });
    // Someone else's attendee is not one's own to book, remembered session or not.
    const theirs = await own(users[101]!, users[0]!.attendeeId);
    expect(theirs.status, theirs.text).toBe(404);
    expect(await availability(s)).toEqual({ capacity: 20, available: 0, held: 0, confirmed: 20 });
    await expectInvariantsHold();
  }, 120_000);

  it('sells exactly 40 seats to 150 requests of 1-4 seats, refusing only when fewer were left', async () => {
    const s = await createBookableSession(org, { capacity: 40 });
    const seatsOf = (i: number): number => 1 + ((i * 7 + 3) % 4);
    const responses = await runPool(ATTENDEES, IN_FLIGHT, (i) =>
      book(s, { attendeeId: attendees[i]!, seats: seatsOf(i) }),
    );
    const sold = responses.reduce((sum, r) => sum + (r.status === 201 ? r.json.seats : 0), 0);
    expect(sold).toBe(40);
    responses.forEach((r, i) => {
      if (r.status === 201) return;
      expect(r.status, r.text).toBe(409);
      expect(r.json.code).toBe('CAPACITY_EXHAUSTED');
      expect(r.json.details?.available).toBeLessThan(seatsOf(i));
    });
    expect(await availability(s)).toEqual({ capacity: 40, available: 0, held: 0, confirmed: 40 });
    await expectInvariantsHold();
  }, 120_000);

  it('gives one seat label to one of 50 simultaneous requests for it', async () => {
    const s = await createBookableSession(org, { seatMap: { rows: [{ name: 'A', seats: 10 }] } });
    const responses = await runPool(50, 50, (i) =>
      book(s, { attendeeId: attendees[i]!, seats: 1, seatLabels: ['A5'] }),
    );
    expect(statusCounts(responses)).toEqual({ 201: 1, 409: 49 });
    expect(responses.find((r) => r.status === 201)?.json.seatLabels).toEqual(['A5']);
    for (const refused of responses.filter((r) => r.status === 409)) {
      expect(refused.json).toMatchObject({ code: 'SEAT_TAKEN', details: { labels: ['A5'] } });
    }
    expect(await availability(s)).toEqual({ capacity: 10, available: 9, held: 0, confirmed: 1 });
    await expectInvariantsHold();
  }, 60_000);

  it('answers 100 simultaneous requests with one Idempotency-Key with one booking and one response', async () => {
    const s = await createBookableSession(org, { capacity: 10 });
    const body = { attendeeId: attendees[0]!, seats: 2 };
    const responses = await runPool(100, 100, () => book(s, body, { 'idempotency-key': 'same-booking-1' }));
    expect(statusCounts(responses)).toEqual({ 201: 100 });
    expect(new Set(responses.map((r) => r.text)).size).toBe(1);
    expect(await availability(s)).toEqual({ capacity: 10, available: 8, held: 0, confirmed: 2 });
    await expectInvariantsHold();
  });

  it('keeps the invariants through 150 mixed book, confirm, cancel and expire operations', async () => {
    // The long run (2,000 operations and more) is `npm run bench:mixed`; this one keeps every path.
    const s = await createBookableSession(
      org,
      { capacity: 40 },
      { kind: 'paid', amountMinor: 1000, currency: 'EUR' },
    );
    await setHoldSeconds(
      { endpoint: rt.runtime.dynamoEndpoint, tableName: rt.runtime.tableName },
      org.orgId,
      s.eventId,
      // Long enough for a confirm to find its hold on a loaded machine, short enough to expire in the test.
      4,
    );
    const { outcomes, held } = await runMixedOperations(org, s, attendees, 150, 32);
    // Two more holds nobody confirms, for the expiry path (on a slow machine the last fifty
    // operations may all have found the session full), each as soon as a place is free.
    const client = mixedClient(org, s);
    for (let n = 0; n < 2; n += 1) {
      await vi.waitFor(
        async () => {
          const res = await client.book(attendees[n]!, 1);
          expect(res.status, res.text).toBe(201);
          held.push(res.json.bookingId);
        },
        { timeout: 45_000, interval: 250 },
      );
    }
    // Whatever is still held expires through its schedule: wait until the counter shows none.
    // Under a full suite the expiries queue behind the run's other work: up to 45 s.
    await vi.waitFor(async () => expect((await availability(s)).held).toBe(0), {
      timeout: 45_000,
      interval: 250,
    });
    // Only expected answers, and every kind of change among them.
    expect(Object.keys(outcomes)).toEqual(expect.arrayContaining(['book 201', 'cancel 200', 'confirm 200']));
    expect(Object.keys(outcomes).filter((o) => !expectedMixedOutcomes.includes(o))).toEqual([]);
    // The holds nobody confirmed were released by the hold-expiry path.
    const statuses = await runPool(held.length, IN_FLIGHT, async (i) => {
      const res = await rt.call<Booking>('GET', `${bookingPath(org.orgId, s.sessionId)}/${held[i]}`, {
        token: org.token,
      });
      return res.json.status;
    });
    expect(new Set(statuses)).toEqual(new Set(['expired']));
    const after = await availability(s);
    expect(after.available + after.confirmed).toBe(40);
    await expectInvariantsHold();
  }, 180_000);
});
