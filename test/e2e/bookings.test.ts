import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalRuntime } from '../support/local-runtime.js';
import { publishedSession } from './http-world.js';

/** Booking over HTTP against the local runtime: book, read, availability, confirm, cancel, /me. */

const rt = useLocalRuntime();

interface Booking {
  bookingId: string;
  status: string;
  seats: number;
  seatLabels: string[];
  holdExpiresAt: string | null;
  userId: string | null;
}

let owner: string;
let attendee: string;
let orgId: string;
let sessionId: string;
let myAttendeeId: string;

const bookings = () => `/v1/orgs/${orgId}/sessions/${sessionId}/bookings`;

beforeAll(async () => {
  owner = await rt.mintToken({ sub: 'bk-owner', email: 'owner@bk.example', name: 'Owner' });
  attendee = await rt.mintToken({ sub: 'bk-ada', email: 'ada@bk.example', name: 'Ada' });
  ({ orgId, sessionId } = await publishedSession(rt, owner, {
    orgName: 'Bookings',
    event: {
      title: 'Concert',
      defaultCapacity: 6,
      price: { kind: 'paid', amountMinor: 900, currency: 'EUR' },
    },
    session: {
      startsAt: '2031-05-01T19:00',
      seatingMode: 'seated',
      seatMap: { rows: [{ name: 'A', seats: 6 }] },
    },
  }));
  const me = await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${orgId}/me`, {
    token: attendee,
    body: { firstName: 'Ada', lastName: 'L' },
  });
  myAttendeeId = me.json.attendeeId;
});

describe('bookings over HTTP', () => {
  it('books, reads, shows availability, confirms and cancels, and lists /me/bookings', async () => {
    const res = await rt.call<Booking>('POST', bookings(), {
      token: attendee,
      body: { attendeeId: myAttendeeId, seats: 2 },
    });
    expect(res.status, res.text).toBe(201);
    const b = res.json;
    expect(b).toMatchObject({ status: 'held', seats: 2, seatLabels: ['A1', 'A2'], userId: 'bk-ada' });
    expect(b.holdExpiresAt).not.toBeNull();

    const read = await rt.call<Booking & { history: { to: string }[] }>(
      'GET',
      `${bookings()}/${b.bookingId}`,
      {
        token: attendee,
      },
    );
    expect(read.status, read.text).toBe(200);
    expect(read.json.history.map((h) => h.to)).toEqual(['held']);

    const availability = await rt.call<{
      available: number;
      held: number;
      seats: { label: string; state: string }[];
    }>('GET', `/v1/orgs/${orgId}/sessions/${sessionId}/availability`, { token: attendee });
    expect(availability.status, availability.text).toBe(200);
    expect(availability.json).toMatchObject({ available: 4, held: 2 });
    expect(availability.json.seats.slice(0, 3).map((s) => s.state)).toEqual(['held', 'held', 'free']);

    // Confirming is for staff; an attendee who is no member gets the answer of a missing organization.
    const byAttendee = await rt.call<{ code: string; detail: string }>(
      'POST',
      `${bookings()}/${b.bookingId}/confirm`,
      { token: attendee },
    );
    expect(byAttendee.status).toBe(404);
    expect(byAttendee.json).toMatchObject({ code: 'NOT_FOUND', detail: 'organization was not found' });
    const confirmed = await rt.call<Booking>('POST', `${bookings()}/${b.bookingId}/confirm`, {
      token: owner,
    });
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.json.status).toBe('confirmed');

    const cancelled = await rt.call<Booking>('POST', `${bookings()}/${b.bookingId}/cancel`, {
      token: attendee,
    });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.json.status).toBe('cancelled');
    const again = await rt.call<{ code: string; details: { currentStatus: string } }>(
      'POST',
      `${bookings()}/${b.bookingId}/cancel`,
      { token: attendee },
    );
    expect(again.status).toBe(409);
    expect(again.json.details.currentStatus).toBe('cancelled');

    const mine = await rt.call<{ items: Booking[] }>('GET', '/v1/me/bookings', { token: attendee });
    expect(mine.status, mine.text).toBe(200);
    expect(mine.json.items.map((i) => i.bookingId)).toContain(b.bookingId);
    const ownerMine = await rt.call<{ items: Booking[] }>('GET', '/v1/me/bookings', { token: owner });
    expect(ownerMine.json.items).toEqual([]);
  });

  it('replays a booking sent again with the same Idempotency-Key: one booking, the same answer', async () => {
    const headers = { 'idempotency-key': 'book-once-0001' };
    const body = { attendeeId: myAttendeeId, seatLabels: ['A6'] };
    const first = await rt.call<Booking>('POST', bookings(), { token: attendee, body, headers });
    expect(first.status, first.text).toBe(201);
    const second = await rt.call<Booking>('POST', bookings(), { token: attendee, body, headers });
    expect(second.status).toBe(201);
    expect(second.json.bookingId).toBe(first.json.bookingId);
    const list = await rt.call<{ items: Booking[] }>(
      'GET',
      `/v1/orgs/${orgId}/attendees/${myAttendeeId}/bookings`,
      {
        token: attendee,
      },
    );
    expect(list.json.items.filter((i) => i.seatLabels.includes('A6'))).toHaveLength(1);
  });

  it('answers a taken seat with 409 SEAT_TAKEN and a full session with 409 CAPACITY_EXHAUSTED', async () => {
    const taken = await rt.call<{ code: string; details: { labels: string[] } }>('POST', bookings(), {
      token: owner,
      body: { attendeeId: myAttendeeId, seatLabels: ['A6'] },
    });
    expect(taken.status).toBe(409);
    expect(taken.json).toMatchObject({ code: 'SEAT_TAKEN', details: { labels: ['A6'] } });
    const full = await rt.call<{ code: string; details: { available: number } }>('POST', bookings(), {
      token: owner,
      body: { attendeeId: myAttendeeId, seats: 6 },
    });
    expect(full.status).toBe(409);
    expect(full.json).toMatchObject({ code: 'CAPACITY_EXHAUSTED', details: { available: 5 } });
  });
});
