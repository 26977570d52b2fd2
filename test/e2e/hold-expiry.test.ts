import { describe, expect, it, vi } from 'vitest';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { localHoldScheduler } from '../../functions/modules/bookings/adapters/local-hold-scheduler.js';
import { localScheduleStore } from '../../functions/modules/bookings/adapters/local-schedule-store.js';
import { setHoldSeconds } from '../../scripts/booking-load/hold-duration.js';
import { type ApiResponse, type TestRuntime, useLocalRuntime } from '../support/local-runtime.js';

/**
 * Hold expiry end to end over HTTP against the local runtime: a priced event's booking is held,
 * its schedule fires into the holds queue, the holds consumer releases it; and a hold whose
 * schedule is gone is released by the sweeper.
 *
 * The API takes hold durations in whole minutes (at least one). To keep the wait to seconds, the
 * tests set the stored event's `settings.holdMinutes` to a fraction of a minute directly in the
 * table, before booking; everything after that (deadline, schedule, firer, queue, consumer, sweep)
 * runs unchanged on the real clock.
 */

const HOLD_SECONDS = 3;

interface Booking {
  bookingId: string;
  status: string;
  holdExpiresAt: string | null;
  seatLabels: string[];
}
interface Availability {
  capacity: number;
  available: number;
  held: number;
  confirmed: number;
}

const ok = <T>(res: ApiResponse<T>, status: number): T => {
  expect(res.status, res.text).toBe(status);
  return res.json;
};

interface World {
  token: string;
  orgId: string;
  sessionId: string;
  attendeeId: string;
}

/** An owner's organization with a published priced event, a two-seat session and an attendee. */
const pricedSession = async (rt: TestRuntime, owner: string): Promise<World> => {
  const token = await rt.mintToken({ sub: owner, email: `${owner}@holds.example`, name: owner });
  const { orgId } = ok(
    await rt.call<{ orgId: string }>('POST', '/v1/orgs', { token, body: { name: owner } }),
    201,
  );
  const venue = ok(
    await rt.call<{ venueId: string; rooms: { roomId: string }[] }>('POST', `/v1/orgs/${orgId}/venues`, {
      token,
      body: {
        name: 'Hall',
        address: 'Uferstraße 12',
        city: 'Berlin',
        timezone: 'Europe/Berlin',
        rooms: [{ name: 'Main', capacity: 50 }],
      },
    }),
    201,
  );
  const { eventId } = ok(
    await rt.call<{ eventId: string }>('POST', `/v1/orgs/${orgId}/events`, {
      token,
      body: {
        venueId: venue.venueId,
        title: 'Priced',
        defaultCapacity: 2,
        price: { kind: 'paid', amountMinor: 2500, currency: 'EUR' },
      },
    }),
    201,
  );
  const { sessions } = ok(
    await rt.call<{ sessions: { sessionId: string }[] }>(
      'POST',
      `/v1/orgs/${orgId}/events/${eventId}/sessions`,
      {
        token,
        body: {
          startsAt: '2027-03-18T19:00',
          roomId: venue.rooms[0]?.roomId,
          seatingMode: 'seated',
          seatMap: { labels: ['A1', 'A2'] },
        },
      },
    ),
    201,
  );
  ok(
    await rt.call('POST', `/v1/orgs/${orgId}/events/${eventId}/status`, {
      token,
      body: { status: 'published' },
    }),
    200,
  );
  const { dynamoEndpoint: endpoint, tableName } = rt.runtime;
  await setHoldSeconds({ endpoint, tableName }, orgId, eventId, HOLD_SECONDS);
  const { attendeeId } = ok(
    await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${orgId}/attendees`, {
      token,
      body: { firstName: 'Ada', lastName: 'Lovelace', email: `ada@${owner}.example` },
    }),
    201,
  );
  return { token, orgId, sessionId: sessions[0]?.sessionId ?? '', attendeeId };
};

const bookingsPath = (w: World) => `/v1/orgs/${w.orgId}/sessions/${w.sessionId}/bookings`;

const bookSeat = async (rt: TestRuntime, w: World, seat: string): Promise<ApiResponse<Booking>> =>
  rt.call<Booking>('POST', bookingsPath(w), {
    token: w.token,
    body: { attendeeId: w.attendeeId, seats: 1, seatLabels: [seat] },
  });

const statusOf = async (rt: TestRuntime, w: World, bookingId: string): Promise<string> =>
  ok(await rt.call<Booking>('GET', `${bookingsPath(w)}/${bookingId}`, { token: w.token }), 200).status;

const availability = async (rt: TestRuntime, w: World): Promise<Availability | null> =>
  ok(
    await rt.call<{ availability: Availability | null }>(
      'GET',
      `/v1/orgs/${w.orgId}/sessions/${w.sessionId}`,
      {
        token: w.token,
      },
    ),
    200,
  ).availability;

/** Polls until the booking is expired; returns when that was first seen. */
const expiredAt = async (rt: TestRuntime, w: World, bookingId: string): Promise<number> => {
  await vi.waitFor(async () => expect(await statusOf(rt, w, bookingId)).toBe('expired'), {
    timeout: 15_000,
    interval: 100,
  });
  return Date.now();
};

/** After a release: both seats sellable again (A1 in particular, the one the hold had). */
const expectReleased = async (rt: TestRuntime, w: World): Promise<void> => {
  expect(await availability(rt, w)).toEqual({ capacity: 2, available: 2, held: 0, confirmed: 0 });
  const again = ok(await bookSeat(rt, w, 'A1'), 201);
  expect(again.seatLabels).toEqual(['A1']);
};

describe('a hold on a priced event, released by its schedule', () => {
  // The sweeper is left out of this one (its first run would be ten minutes away).
  const rt = useLocalRuntime({ holdSweepIntervalMs: 600_000 });

  it('expires on time: held until the deadline, then its seat and capacity come back', async () => {
    const w = await pricedSession(rt, 'hold-owner');
    const held = ok(await bookSeat(rt, w, 'A1'), 201);
    expect(held.status).toBe('held');
    const deadline = Date.parse(held.holdExpiresAt ?? '');
    expect(deadline - Date.now()).toBeGreaterThan(1000);
    expect(await availability(rt, w)).toEqual({ capacity: 2, available: 1, held: 1, confirmed: 0 });
    expect((await bookSeat(rt, w, 'A1')).status).toBe(409);

    // Shortly before the deadline the hold stands.
    await new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now() - 1000)));
    expect(await statusOf(rt, w, held.bookingId)).toBe('held');

    const seen = await expiredAt(rt, w, held.bookingId);
    expect(seen).toBeGreaterThanOrEqual(deadline);
    // Half-way through so short a hold, its reminder schedule told the holder, once.
    await vi.waitFor(
      async () => {
        const { json } = await rt.call<{ items: { type: string; to: string }[] }>('GET', '/local/outbox');
        const reminders = json.items.filter(
          (d) => d.type === 'booking.hold_expiring' && d.to === 'ada@hold-owner.example',
        );
        expect(reminders).toHaveLength(1);
      },
      { timeout: 10_000, interval: 200 },
    );
    // The firer looks every 250 ms and the consumer long-polls: released within a second or two,
    // with room for a loaded two-core machine.
    expect(seen - deadline).toBeLessThan(5000);
    await expectReleased(rt, w);
  });
});

describe('a hold whose schedule was deleted', () => {
  const rt = useLocalRuntime({ holdSweepIntervalMs: 500 });

  it('is still released by the sweeper', async () => {
    const w = await pricedSession(rt, 'sweep-owner');
    const held = ok(await bookSeat(rt, w, 'A1'), 201);
    expect(held.status).toBe('held');
    const { runtime } = rt;
    const client = createDocumentClient({ region: 'us-east-1', endpoint: runtime.dynamoEndpoint });
    const store = localScheduleStore(client, runtime.tableName);
    try {
      await localHoldScheduler(store).cancelExpiry({
        orgId: w.orgId,
        sessionId: w.sessionId,
        bookingId: held.bookingId,
      });
      // No expiry schedule is left to fire, now or later: only the hold's reminder, which
      // releases nothing.
      const left = await store.listDue(new Date('2100-01-01T00:00:00Z'), 10);
      expect(left.map((schedule) => JSON.parse(schedule.payload).type)).toEqual(['hold.remind']);
    } finally {
      client.destroy();
    }
    const seen = await expiredAt(rt, w, held.bookingId);
    expect(seen).toBeGreaterThanOrEqual(Date.parse(held.holdExpiresAt ?? ''));
    await expectReleased(rt, w);
  });
});
