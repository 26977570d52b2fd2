import { beforeAll, describe, expect, it } from 'vitest';
import { destination } from '../../functions/modules/discovery/domain/geo-distance.js';
import { type ApiResponse, useLocalRuntime } from '../support/local-runtime.js';

/**
 * Discovery over HTTP against the local runtime: a user hosts events in their personal
 * organization (POST /v1/me/host, idempotent) with the catalog's routes unchanged, and another
 * user picks interests, finds the published events near a point, filters them by interest, price,
 * date and free places, and gets "for you" recommendations from their interests and bookings;
 * prices are the cheapest ticket on sale (ticket categories included) in a currency.
 */

const rt = useLocalRuntime();

const ok = <T>(res: ApiResponse<T>, status = 200): T => {
  expect(res.status, res.text).toBe(status);
  return res.json;
};

interface Found {
  eventId: string;
  distanceKm: number;
  matchedInterestIds: string[];
}
const here = { lat: 52.52, lng: 13.405 };
let host: string;
let guest: string;
let orgId: string;
/**
 * A: music, paid, 2 km; B: free, jazz, one place, 1 km; C: free, jazz, 3 km; D: a draft, 1 km;
 * E: free, 4 km, dated by its session only (no start of its own).
 */
const ids: Record<'A' | 'B' | 'C' | 'D' | 'E', { eventId: string; sessionId: string }> = {
  A: { eventId: '', sessionId: '' },
  B: { eventId: '', sessionId: '' },
  C: { eventId: '', sessionId: '' },
  D: { eventId: '', sessionId: '' },
  E: { eventId: '', sessionId: '' },
};

const hostEvent = async (
  km: number,
  event: Record<string, unknown>,
  publish = true,
  { at = here, sessionStartsAt = '2031-07-01T19:00' } = {},
) => {
  const token = host;
  const venue = ok(
    await rt.call<{ venueId: string; rooms: { roomId: string }[] }>('POST', `/v1/orgs/${orgId}/venues`, {
      token,
      body: {
        name: 'Spot',
        address: 'Street 1',
        city: 'Berlin',
        timezone: 'Europe/Berlin',
        geo: destination(at, km, 30),
        rooms: [{ name: 'Main' }],
      },
    }),
    201,
  );
  const { eventId } = ok(
    await rt.call<{ eventId: string }>('POST', `/v1/orgs/${orgId}/events`, {
      token,
      body: { venueId: venue.venueId, startsAt: '2031-07-01T17:00:00Z', ...event },
    }),
    201,
  );
  if (publish)
    ok(
      await rt.call('POST', `/v1/orgs/${orgId}/events/${eventId}/status`, {
        token,
        body: { status: 'published' },
      }),
    );
  const { sessions } = ok(
    await rt.call<{ sessions: { sessionId: string }[] }>(
      'POST',
      `/v1/orgs/${orgId}/events/${eventId}/sessions`,
      {
        token,
        body: { roomId: venue.rooms[0]?.roomId, startsAt: sessionStartsAt },
      },
    ),
    201,
  );
  return { eventId, sessionId: sessions[0]?.sessionId ?? '' };
};

const discover = async (query: Record<string, string>) =>
  ok(
    await rt.call<{ items: Found[] }>('GET', `/v1/discover/events?${new URLSearchParams(query)}`, {
      token: guest,
    }),
  ).items.map((e) => e.eventId);

const near = { lat: String(here.lat), lng: String(here.lng), radiusKm: '5' };

beforeAll(async () => {
  host = await rt.mintToken({ sub: 'disc-host', email: 'host@disc.example', name: 'Hana' });
  guest = await rt.mintToken({ sub: 'disc-guest', email: 'guest@disc.example', name: 'Gus' });
  const org = ok(await rt.call<{ orgId: string; kind: string }>('POST', '/v1/me/host', { token: host }), 201);
  expect(org.kind).toBe('personal');
  const again = ok(await rt.call<{ orgId: string }>('POST', '/v1/me/host', { token: host }));
  expect(again.orgId).toBe(org.orgId);
  orgId = org.orgId;
  ids.A = await hostEvent(2, {
    title: 'Concert',
    defaultCapacity: 10,
    interestIds: ['music'],
    price: { kind: 'paid', amountMinor: 1500, currency: 'EUR' },
  });
  ids.B = await hostEvent(1, { title: 'Jam', defaultCapacity: 1, tags: ['jazz'] });
  ids.C = await hostEvent(3, { title: 'Jazz brunch', defaultCapacity: 10, tags: ['jazz'] });
  ids.D = await hostEvent(1, { title: 'Draft', defaultCapacity: 10, interestIds: ['music'] }, false);
  ids.E = await hostEvent(4, { title: 'Open day', defaultCapacity: 10, startsAt: undefined });
});

describe('discovery over HTTP', () => {
  it('keeps the interests a user picks from the catalog, refusing others by field', async () => {
    const catalog = ok(
      await rt.call<{ items: { interestId: string }[] }>('GET', '/v1/interests', { token: guest }),
    );
    expect(catalog.items.map((i) => i.interestId)).toContain('music');
    const refused = await rt.call<{ errors: { field: string }[] }>('PUT', '/v1/me/interests', {
      token: guest,
      body: { interestIds: ['knitting'] },
    });
    expect(refused.status).toBe(422);
    expect(refused.json.errors.map((e) => e.field)).toContain('interestIds');
    ok(await rt.call('PUT', '/v1/me/interests', { token: guest, body: { interestIds: ['music'] } }));
    const mine = ok(await rt.call<{ interestIds: string[] }>('GET', '/v1/me/interests', { token: guest }));
    expect(mine.interestIds).toEqual(['music']);
    const event = await rt.call('PATCH', `/v1/orgs/${orgId}/events/${ids.C.eventId}`, {
      token: host,
      body: { interestIds: ['knitting'] },
    });
    expect(event.status).toBe(422);
  });

  it("finds the personal organization's published events near a point, ranked and filtered", async () => {
    // A matches the guest's interest: it ranks before the nearer B (score: distance / radius - 0.5 x match).
    const [A, B, C, E] = [ids.A.eventId, ids.B.eventId, ids.C.eventId, ids.E.eventId];
    expect(await discover(near)).toEqual([A, B, C, E]);
    expect(await discover({ ...near, interest: 'music' })).toEqual([A]);
    expect(await discover({ ...near, maxPriceMinor: '0' })).toEqual([B, C, E]);
    expect(await discover({ ...near, radiusKm: '1.5' })).toEqual([B]);
    // E has no start of its own: its session (19:00 Berlin, 17:00 UTC) dates it.
    const july = { from: '2031-07-01T00:00:00Z', to: '2031-07-02T00:00:00Z' };
    expect(await discover({ ...near, ...july })).toEqual([A, B, C, E]);
    expect(await discover({ ...near, from: '2031-07-01T17:30:00Z' })).toEqual([]);
    expect(await discover({ ...near, from: '2031-08-01T00:00:00Z' })).toEqual([]);
    const paged = ok(
      await rt.call<{ items: Found[]; nextCursor: string | null }>(
        'GET',
        `/v1/discover/events?${new URLSearchParams({ ...near, limit: '3' })}`,
        { token: guest },
      ),
    );
    expect(paged.items.map((e) => e.eventId)).toEqual([A, B, C]);
    const rest = ok(
      await rt.call<{ items: Found[] }>(
        'GET',
        `/v1/discover/events?${new URLSearchParams({ ...near, limit: '3', cursor: paged.nextCursor ?? '' })}`,
        { token: guest },
      ),
    );
    expect(rest.items.map((e) => e.eventId)).toEqual([E]);
    expect(await discover({ ...near, lat: '48.137' })).toEqual([]);
    const bad = await rt.call<{ errors: { field: string }[] }>('GET', '/v1/discover/events?lat=95&lng=0', {
      token: guest,
    });
    expect(bad.status).toBe(422);
  });

  it('leaves out full events with freePlaces, and recommends by interests and bookings', async () => {
    const me = ok(
      await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${orgId}/me`, {
        token: guest,
        body: { firstName: 'Gus', lastName: 'G' },
      }),
    );
    ok(
      await rt.call('POST', `/v1/orgs/${orgId}/sessions/${ids.B.sessionId}/bookings`, {
        token: guest,
        body: { attendeeId: me.attendeeId },
      }),
      201,
    );
    expect(await discover({ ...near, freePlaces: 'true' })).toEqual([
      ids.A.eventId,
      ids.C.eventId,
      ids.E.eventId,
    ]);
    const forYou = ok(
      await rt.call<{ items: Found[] }>('GET', `/v1/discover/for-you?lat=${here.lat}&lng=${here.lng}`, {
        token: guest,
      }),
    );
    // A by the picked interest, C by the tag of the booked B; B itself is booked.
    expect(forYou.items.map((e) => e.eventId).sort()).toEqual([ids.A.eventId, ids.C.eventId].sort());
  });

  it('prices events by their cheapest ticket on sale, in a currency, and leaves out undated events that are over', async () => {
    const hamburg = { lat: 53.55, lng: 9.99 };
    const there = { lat: String(hamburg.lat), lng: String(hamburg.lng), radiusKm: '5' };
    const paid = (amountMinor: number, currency: string) => ({ kind: 'paid', amountMinor, currency });
    // F: 30 EUR, an early bird at 9 EUR on sale; a hidden category (1 EUR) and one not on sale yet (2 EUR) do not count.
    const F = await hostEvent(1, { title: 'Gala', defaultCapacity: 10, price: paid(3000, 'EUR') }, true, {
      at: hamburg,
    });
    for (const category of [
      { name: 'Early bird', priceMinor: 900 },
      { name: 'Friends', priceMinor: 100, visibility: 'hidden' },
      { name: 'Late', priceMinor: 200, salesStartAt: '2031-06-01T00:00:00Z' },
    ])
      ok(
        await rt.call('POST', `/v1/orgs/${orgId}/events/${F.eventId}/categories`, {
          token: host,
          body: { ...category, currency: 'EUR' },
        }),
        201,
      );
    // G: 5 USD, no categories; H: free, dated only by its session of 2020, long over.
    const G = await hostEvent(2, { title: 'Meetup', defaultCapacity: 10, price: paid(500, 'USD') }, true, {
      at: hamburg,
    });
    await hostEvent(3, { title: 'Old open day', defaultCapacity: 10, startsAt: undefined }, true, {
      at: hamburg,
      sessionStartsAt: '2020-05-01T10:00',
    });
    const search = (query: Record<string, string>) =>
      rt.call<{ items: Record<string, unknown>[]; errors: { field: string }[] }>(
        'GET',
        `/v1/discover/events?${new URLSearchParams(query)}`,
        { token: guest },
      );
    const all = ok(await search(there)).items;
    expect(all.map((e) => e.eventId)).toEqual([F.eventId, G.eventId]);
    expect(all[0]).toMatchObject({ priceMinor: 900, currency: 'EUR', onSale: true });
    expect(all[1]).toMatchObject({
      priceMinor: 500,
      currency: 'USD',
      nextStartsAt: '2031-07-01T17:00:00.000Z',
    });
    expect(await discover({ ...there, maxPriceMinor: '1000', currency: 'EUR' })).toEqual([F.eventId]);
    expect(await discover({ ...there, maxPriceMinor: '800', currency: 'EUR' })).toEqual([]);
    expect(await discover({ ...there, currency: 'USD' })).toEqual([G.eventId]);
    for (const bad of [{ maxPriceMinor: '1000' }, { currency: 'eur' }] as Record<string, string>[]) {
      const res = await search({ ...there, ...bad });
      expect(res.status, JSON.stringify(bad)).toBe(422);
      expect(res.json.errors.map((e) => e.field).join()).toMatch(/currency/);
    }
    // E, near Berlin, has no start of its own: its session's start is shown.
    const berlin = ok(await search(near)).items.find((e) => e.eventId === ids.E.eventId);
    expect(berlin).toMatchObject({ startsAt: null, nextStartsAt: '2031-07-01T17:00:00.000Z' });
  });
});
