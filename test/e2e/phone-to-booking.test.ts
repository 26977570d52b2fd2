import { describe, expect, it } from 'vitest';
import { type ApiResponse, useLocalRuntime } from '../support/local-runtime.js';

/**
 * Seed 002's path through the app, over HTTP on the local runtime: a person signs up with their
 * phone (the code read from the local delivery log, as the SMS would bring it), fills a profile,
 * picks interests, finds an event near them, asks to join, is approved by its host (a user hosting
 * in their personal organization) and books the place the approval reserved.
 */

// A low per-address limit, so that the test of it below needs few starts.
const ipStarts = 3;
const rt = useLocalRuntime({ env: { SIGN_IN_IP_STARTS: String(ipStarts) } });

const ok = <T>(res: ApiResponse<T>, status = 200): T => {
  expect(res.status, res.text).toBe(status);
  return res.json;
};

const berlin = { lat: 52.52, lng: 13.405 };

/** A user hosting a published approval event at a venue 2 km from the centre. */
const hostedEvent = async () => {
  const host = await rt.mintToken({ sub: 'p2b-host', email: 'host@p2b.example', name: 'Hedda Host' });
  const { orgId } = ok(await rt.call<{ orgId: string }>('POST', '/v1/me/host', { token: host }), 201);
  const venue = ok(
    await rt.call<{ venueId: string; rooms: { roomId: string }[] }>('POST', `/v1/orgs/${orgId}/venues`, {
      token: host,
      body: {
        name: 'Courtyard',
        address: 'Hof 2',
        city: 'Berlin',
        timezone: 'Europe/Berlin',
        geo: { lat: berlin.lat + 0.018, lng: berlin.lng },
        rooms: [{ name: 'Yard', capacity: 12 }],
      },
    }),
    201,
  );
  const { eventId } = ok(
    await rt.call<{ eventId: string }>('POST', `/v1/orgs/${orgId}/events`, {
      token: host,
      body: {
        venueId: venue.venueId,
        title: 'Courtyard jazz',
        admission: 'approval',
        defaultCapacity: 12,
        startsAt: '2031-07-01T17:00:00Z',
        interestIds: ['music'],
      },
    }),
    201,
  );
  const { sessions } = ok(
    await rt.call<{ sessions: { sessionId: string }[] }>(
      'POST',
      `/v1/orgs/${orgId}/events/${eventId}/sessions`,
      {
        token: host,
        body: { roomId: venue.rooms[0]?.roomId, startsAt: '2031-07-01T19:00' },
      },
    ),
    201,
  );
  ok(
    await rt.call('POST', `/v1/orgs/${orgId}/events/${eventId}/status`, {
      token: host,
      body: { status: 'published' },
    }),
  );
  return { host, orgId, eventId, sessionId: sessions[0]?.sessionId ?? '' };
};

/** Signs up by phone: the code is the one the local delivery log shows sent to that number. */
const signUpByPhone = async (phone: string): Promise<string> => {
  const { session } = ok(
    await rt.call<{ session: string }>('POST', '/v1/auth/phone/start', { body: { phone } }),
    202,
  );
  const log = ok(await rt.call<{ items: { to: string; text: string }[] }>('GET', '/local/outbox?limit=100'));
  const code = /\b([0-9]{6})\b/.exec(log.items.find((d) => d.to === phone)?.text ?? '')?.[1];
  expect(code, 'the sign-in code in the delivery log').toBeDefined();
  const tokens = ok(
    await rt.call<{ idToken: string }>('POST', '/v1/auth/phone/verify', { body: { phone, session, code } }),
  );
  return tokens.idToken;
};

describe('from a phone number to a booking', () => {
  it('signs up, fills a profile, picks interests, finds an event nearby, is approved and books', async () => {
    const world = await hostedEvent();
    const token = await signUpByPhone('+4915112340002');

    ok(await rt.call('PUT', '/v1/me/profile', { token, body: { displayName: 'Pia Phone', city: 'Berlin' } }));
    ok(await rt.call('PUT', '/v1/me/interests', { token, body: { interestIds: ['music'] } }));

    const query = new URLSearchParams({ lat: String(berlin.lat), lng: String(berlin.lng), radiusKm: '5' });
    const found = ok(
      await rt.call<{ items: { eventId: string }[] }>('GET', `/v1/discover/events?${query}`, { token }),
    );
    expect(found.items.map((e) => e.eventId)).toContain(world.eventId);

    // Asking to join makes the caller's attendee record from their profile.
    const session = `/v1/orgs/${world.orgId}/sessions/${world.sessionId}`;
    const request = ok(
      await rt.call<{ requestId: string; status: string }>('POST', `${session}/requests`, {
        token,
        body: { partySize: 1 },
      }),
      201,
    );
    expect(request.status).toBe('pending');
    const approved = ok(
      await rt.call<{ status: string; bookingId: string }>(
        'POST',
        `${session}/requests/${request.requestId}/approve`,
        { token: world.host, body: { message: 'Welcome' } },
      ),
    );
    // Approval reserves the places: a held booking of the requester's.
    expect(approved.status).toBe('reserved');

    // A free event's reservation is booked by confirming it.
    const booked = ok(
      await rt.call<{ status: string }>('POST', `${session}/bookings/${approved.bookingId}/confirm`, {
        token,
      }),
    );
    expect(booked.status).toBe('confirmed');
    const me = ok(await rt.call<{ firstName: string }>('GET', `/v1/orgs/${world.orgId}/me`, { token }));
    expect(me.firstName).toBe('Pia');
  });

  it('refuses more starts from one address than its limit, whatever the numbers (429, Retry-After)', async () => {
    // Fixed windows: at most one boundary falls among these quick starts, so twice the limit and
    // one more always meets the limit within one window.
    const statuses: number[] = [];
    let refused: ApiResponse<unknown> | undefined;
    for (let i = 0; i < 2 * ipStarts + 1 && !refused; i++) {
      const res = await rt.call('POST', '/v1/auth/phone/start', {
        body: { phone: `+4915112341${String(i).padStart(3, '0')}` },
      });
      statuses.push(res.status);
      if (res.status === 429) refused = res;
    }
    expect(refused, `statuses: ${statuses.join(', ')}`).toBeDefined();
    expect(statuses.filter((s) => s === 202).length).toBeGreaterThan(0);
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused?.headers.get('content-type')).toContain('application/problem+json');
  });
});
