import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../scripts/local/api-client.js';
import { useLocalRuntime } from '../support/local-runtime.js';

/** Sessions over HTTP: a weekly series across a DST change, its list, a seated session, an overlap. */

const rt = useLocalRuntime();
let token: string;
let orgId: string;
let eventId: string;
let roomId: string;

interface SessionBody {
  sessionId: string;
  startsAt: string;
  localStartsAt: string;
  seatingMode: string;
  capacity: number;
}

const ok = <T>(res: ApiResponse<T>, status: number): T => {
  expect(res.status, res.text).toBe(status);
  return res.json;
};

beforeAll(async () => {
  token = await rt.mintToken({ sub: 'sessions-owner', email: 'owner@sessions.example', name: 'Owner' });
  orgId = ok(
    await rt.call<{ orgId: string }>('POST', '/v1/orgs', { token, body: { name: 'Sessions' } }),
    201,
  ).orgId;
  const venue = ok(
    await rt.call<{ venueId: string; rooms: { roomId: string }[] }>('POST', `/v1/orgs/${orgId}/venues`, {
      token,
      body: {
        name: 'Konzerthaus',
        address: 'Gendarmenmarkt 1',
        city: 'Berlin',
        timezone: 'Europe/Berlin',
        managerId: 'sessions-owner',
        rooms: [{ name: 'Great Hall', capacity: 500 }],
      },
    }),
    201,
  );
  roomId = venue.rooms[0]!.roomId;
  eventId = ok(
    await rt.call<{ eventId: string }>('POST', `/v1/orgs/${orgId}/events`, {
      token,
      body: {
        venueId: venue.venueId,
        title: 'Spring Series',
        defaultCapacity: 100,
        defaultDurationMinutes: 120,
      },
    }),
    201,
  ).eventId;
});

const sessionsPath = () => `/v1/orgs/${orgId}/events/${eventId}/sessions`;

describe('sessions over HTTP', () => {
  let seriesStarts: string[];

  it('creates a weekly series that stays at 19:00 Berlin time across the DST change', async () => {
    const created = ok(
      await rt.call<{ seriesId: string; sessions: SessionBody[] }>('POST', sessionsPath(), {
        token,
        headers: { 'idempotency-key': 'series-1' },
        body: { startsAt: '2026-03-17T19:00', roomId, recurrence: { frequency: 'weekly', count: 4 } },
      }),
      201,
    );
    expect(created.seriesId).toMatch(/^ser_/);
    expect(created.sessions.map((s) => s.localStartsAt)).toEqual([
      '2026-03-17T19:00:00+01:00',
      '2026-03-24T19:00:00+01:00',
      '2026-03-31T19:00:00+02:00',
      '2026-04-07T19:00:00+02:00',
    ]);
    expect(created.sessions.map((s) => s.startsAt)).toEqual([
      '2026-03-17T18:00:00.000Z',
      '2026-03-24T18:00:00.000Z',
      '2026-03-31T17:00:00.000Z',
      '2026-04-07T17:00:00.000Z',
    ]);
    seriesStarts = created.sessions.map((s) => s.startsAt);
  });

  it('lists the event’s sessions by start time, one cursor page after another', async () => {
    const first = ok(
      await rt.call<{ items: SessionBody[]; nextCursor: string | null }>('GET', `${sessionsPath()}?limit=3`, {
        token,
      }),
      200,
    );
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).not.toBeNull();
    const rest = ok(
      await rt.call<{ items: SessionBody[]; nextCursor: string | null }>(
        'GET',
        `${sessionsPath()}?limit=3&cursor=${encodeURIComponent(first.nextCursor!)}`,
        { token },
      ),
      200,
    );
    expect([...first.items, ...rest.items].map((s) => s.startsAt)).toEqual(seriesStarts);
    expect(rest.nextCursor).toBeNull();
  });

  it('reads a seated session with its seat map and live availability', async () => {
    const { sessions } = ok(
      await rt.call<{ sessions: SessionBody[] }>('POST', sessionsPath(), {
        token,
        body: {
          startsAt: '2026-05-01T20:00:00+02:00',
          roomId,
          seatingMode: 'seated',
          seatMap: {
            rows: [
              { name: 'A', seats: 2 },
              { name: 'B', seats: 3 },
            ],
          },
        },
      }),
      201,
    );
    const detail = ok(
      await rt.call<Record<string, unknown>>('GET', `/v1/orgs/${orgId}/sessions/${sessions[0]!.sessionId}`, {
        token,
      }),
      200,
    );
    expect(detail).toMatchObject({
      seatingMode: 'seated',
      capacity: 5,
      localStartsAt: '2026-05-01T20:00:00+02:00',
      seatMap: { seats: ['A1', 'A2', 'B1', 'B2', 'B3'] },
      tables: null,
      availability: { capacity: 5, available: 5, held: 0, confirmed: 0 },
    });
    const mismatch = await rt.call<{ errors: { field: string }[] }>(
      'PATCH',
      `/v1/orgs/${orgId}/sessions/${sessions[0]!.sessionId}`,
      { token, body: { capacity: 6 } },
    );
    expect(mismatch.status).toBe(422);
    expect(mismatch.json.errors.map((e) => e.field)).toContain('seatMap');
  });

  it('answers 409 naming the session a new one would overlap, and 422 for a time skipped by DST', async () => {
    const { sessions } = ok(
      await rt.call<{ sessions: SessionBody[] }>('POST', sessionsPath(), {
        token,
        body: { startsAt: '2026-06-01T18:00', roomId },
      }),
      201,
    );
    const overlap = await rt.call<{ code: string; detail: string }>('POST', sessionsPath(), {
      token,
      body: { startsAt: '2026-06-01T19:00', roomId },
    });
    expect(overlap.status).toBe(409);
    expect(overlap.headers.get('content-type')).toContain('application/problem+json');
    expect(overlap.json.code).toBe('SESSION_OVERLAP');
    expect(overlap.json.detail).toContain(sessions[0]!.sessionId);

    const gap = await rt.call<{ errors: { field: string; message: string }[] }>('POST', sessionsPath(), {
      token,
      body: { startsAt: '2026-03-29T02:30', roomId },
    });
    expect(gap.status).toBe(422);
    expect(gap.json.errors[0]).toMatchObject({ field: 'startsAt' });
  });

  it('deletes a session with 202 and a deletion record; the background cascade then removes it', async () => {
    const { sessions } = ok(
      await rt.call<{ sessions: SessionBody[] }>('POST', sessionsPath(), {
        token,
        body: { startsAt: '2026-06-02T18:00', roomId },
      }),
      201,
    );
    const path = `/v1/orgs/${orgId}/sessions/${sessions[0]!.sessionId}`;
    const deletion = ok(await rt.call<Record<string, unknown>>('DELETE', path, { token }), 202);
    expect(deletion).toMatchObject({ kind: 'session', targetId: sessions[0]!.sessionId, status: 'running' });
    let status = 0;
    for (let i = 0; i < 100 && status !== 404; i++) {
      status = (await rt.call('GET', path, { token })).status;
      if (status !== 404) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(404);
    // Its time is free again.
    ok(await rt.call('POST', sessionsPath(), { token, body: { startsAt: '2026-06-02T18:30', roomId } }), 201);
  });
});
