import { beforeAll, describe, expect, it } from 'vitest';
import { csvRecords } from '../support/csv.js';
import { useLocalRuntime } from '../support/local-runtime.js';
import { berlinIn, publishedSession } from './http-world.js';

/**
 * Analytics over HTTP on the local runtime: nothing to read until computed, a refresh that counts
 * the bookings made, the same snapshot read back as JSON and as CSV (a row per session and a total
 * row), and the event's team reading them with `view_analytics` and not without it.
 */

const rt = useLocalRuntime();

interface Analytics {
  eventId: string;
  computedAt: string;
  totals: {
    sessions: number;
    capacity: number;
    confirmed: { bookings: number; seats: number };
    fillRate: number;
  };
  sessions: {
    sessionId: string;
    capacity: number;
    confirmed: { bookings: number; seats: number };
    fillRate: number;
    registrationsByDay: { date: string; bookings: number; seats: number; confirmed: number }[];
  }[];
}

let owner: string;
let orgId: string;
let eventId: string;
let sessionId: string;

const base = () => `/v1/orgs/${orgId}/events/${eventId}/analytics`;

beforeAll(async () => {
  owner = await rt.mintToken({ sub: 'an-owner', email: 'owner@an.example', name: 'Owner' });
  ({ orgId, eventId, sessionId } = await publishedSession(rt, owner, {
    orgName: 'Analytics',
    event: { title: 'Figures', defaultCapacity: 20 },
    session: { startsAt: berlinIn(24 * 60) },
  }));
  for (const [who, seats] of [
    ['ada', 3],
    ['ben', 2],
  ] as const) {
    const token = await rt.mintToken({ sub: `an-${who}`, email: `${who}@an.example`, name: who });
    const me = await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${orgId}/me`, {
      token,
      body: { firstName: who, lastName: 'Attendee' },
    });
    expect(me.status, me.text).toBe(200);
    const booking = await rt.call<{ status: string }>(
      'POST',
      `/v1/orgs/${orgId}/sessions/${sessionId}/bookings`,
      {
        token,
        body: { attendeeId: me.json.attendeeId, seats },
      },
    );
    expect(booking.status, booking.text).toBe(201);
    expect(booking.json.status).toBe('confirmed');
  }
});

describe('event analytics over HTTP', () => {
  it('answer 404 until computed, then the refreshed figures as JSON and CSV', async () => {
    const before = await rt.call<{ code: string }>('GET', base(), { token: owner });
    expect(before.status, before.text).toBe(404);
    expect((await rt.call('GET', `${base()}.csv`, { token: owner })).status).toBe(404);

    const refreshed = await rt.call<Analytics>('POST', `${base()}/refresh`, { token: owner });
    expect(refreshed.status, refreshed.text).toBe(200);
    expect(refreshed.json.totals).toMatchObject({
      sessions: 1,
      capacity: 20,
      confirmed: { bookings: 2, seats: 5 },
      fillRate: 0.25,
    });
    const [session] = refreshed.json.sessions;
    expect(session).toMatchObject({ sessionId, capacity: 20, confirmed: { bookings: 2, seats: 5 } });
    expect(session?.registrationsByDay.reduce((n, d) => n + d.seats, 0)).toBe(5);

    const read = await rt.call<Analytics>('GET', base(), { token: owner });
    expect(read.status, read.text).toBe(200);
    expect(read.json).toEqual(refreshed.json);

    const csv = await rt.call('GET', `${base()}.csv`, { token: owner });
    expect(csv.status, csv.text).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="analytics-${eventId}.csv"`);
    const rows = csvRecords(csv.text);
    expect(rows.map((r) => r.row)).toEqual(['session', 'total']);
    expect(rows[0]).toMatchObject({ sessionId, capacity: '20', confirmedSeats: '5', fillRate: '0.25' });
    expect(rows[1]).toMatchObject({ sessionId: '', confirmedBookings: '2', confirmedSeats: '5' });
    expect(rows[1]?.computedAt).toBe(read.json.computedAt);
  });

  it("opens to the event's team with view_analytics only", async () => {
    const member = async (sub: string) => {
      const token = await rt.mintToken({ sub, email: `${sub}@an.example` });
      const invite = await rt.call<{ token: string }>('POST', `/v1/orgs/${orgId}/invites`, {
        token: owner,
        body: { email: `${sub}@an.example`, role: 'viewer' },
      });
      expect(invite.status, invite.text).toBe(201);
      const accepted = await rt.call('POST', '/v1/invites/accept', {
        token,
        body: { token: invite.json.token },
      });
      expect(accepted.status, accepted.text).toBe(201);
      return token;
    };
    const place = async (userId: string, role: string) => {
      const res = await rt.call('PUT', `/v1/orgs/${orgId}/events/${eventId}/team/${userId}`, {
        token: owner,
        body: { role },
      });
      expect(res.status, res.text).toBe(200);
    };
    const marketer = await member('an-marketer');
    const volunteer = await member('an-volunteer');
    // A viewer of the organization reads no analytics.
    expect((await rt.call('GET', base(), { token: marketer })).status).toBe(403);
    await place('an-marketer', 'marketing');
    await place('an-volunteer', 'volunteer');
    expect((await rt.call('GET', base(), { token: marketer })).status).toBe(200);
    expect((await rt.call('POST', `${base()}/refresh`, { token: marketer })).status).toBe(200);
    expect((await rt.call('GET', `${base()}.csv`, { token: marketer })).status).toBe(200);
    expect((await rt.call('GET', base(), { token: volunteer })).status).toBe(403);
  });
});
