import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import {
  changeEventStatus,
  createEvent,
  deleteEvent,
} from '../../functions/modules/catalog/domain/events.js';
import { updateVenue } from '../../functions/modules/catalog/domain/venues.js';
import {
  destination,
  haversineKm,
  type LatLng,
} from '../../functions/modules/discovery/domain/geo-distance.js';
import type { DiscoveryEntry } from '../../functions/modules/discovery/domain/model.js';
import { discoverEvents, entriesWithin } from '../../functions/modules/discovery/domain/search.js';
import { installCallCounter } from '../../scripts/booking-load/call-counter.js';
import { eventInput, orgWith, recordJobs, venueIn } from './catalog-world.js';
import { freshContainer, user } from './fixtures.js';

/**
 * The geo search against a brute-force distance check, on DynamoDB Local: 5,000 generated events
 * around a few centres (Berlin, the crossing of the equator and the prime meridian, where geohash
 * cells of four quadrants meet, Auckland by the antimeridian, Reykjavik in the north), written
 * straight into the discovery index in batches. For several points and radii the search finds
 * exactly the entries within the radius by haversine, including ones placed just inside and just
 * outside the edge (within 10% of it, and within 0.1%). No Scan is sent: a middleware on every
 * DynamoDB client counts the commands by name (scripts/booking-load/call-counter.ts, through the
 * kernel's `onDynamoClientCreated` hook). Then the catalog path: publishing, moving the venue,
 * cancelling and deleting an event keep its entry in step.
 */

const calls = installCallCounter();
let c: Container;

/** mulberry32: a failure repeats. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const centres: LatLng[] = [
  { lat: 52.52, lng: 13.405 },
  { lat: 0.001, lng: -0.001 },
  { lat: -36.85, lng: 179.9 },
  { lat: 64.14, lng: -21.94 },
];
/** The points and radii searched: the centres and points off them. */
const searches: { at: LatLng; km: number }[] = centres.flatMap((c, i) => [
  { at: c, km: 2 },
  { at: c, km: 10 },
  { at: destination(c, 7, 45 * i), km: 25 },
  { at: destination(c, 15, 90 + 45 * i), km: 50 },
]);

const interestsPool = ['music', 'food', 'art', 'tech'];
const entries: DiscoveryEntry[] = [];
const next = random(2026);
const entryAt = (p: LatLng, n: number): DiscoveryEntry => {
  // Drawn apart from the entry's number, which also picks its centre.
  const [month, price, interest] = [Math.floor(next() * 9), Math.floor(next() * 50), Math.floor(next() * 4)];
  return {
    orgId: `org_${String(n % 7).padStart(20, '0')}`,
    eventId: `evt_${String(n).padStart(20, '0')}`,
    venueId: `ven_${String(n).padStart(20, '0')}`,
    title: `Event ${n}`,
    startsAt: `2031-0${1 + month}-15T18:00:00.000Z`,
    endsAt: null,
    priceMinor: price < 15 ? 0 : price * 100,
    currency: price < 15 ? null : 'EUR',
    categoryCount: 0,
    admission: 'open',
    interestIds: [interestsPool[interest] ?? 'music'],
    tags: [],
    ...p,
  };
};

beforeAll(async () => {
  c = await freshContainer();
  // Edge entries first: for each search, just inside and just outside its radius.
  for (const { at, km } of searches)
    for (const f of [0.9, 0.95, 0.999, 1.001, 1.05, 1.1])
      for (let k = 0; k < 3; k++)
        entries.push(entryAt(destination(at, km * f, next() * 360), entries.length));
  // The rest spread over 70 km around the centres (denser near them).
  while (entries.length < 5000) {
    const centre = centres[entries.length % centres.length] ?? centres[0];
    if (!centre) break;
    entries.push(entryAt(destination(centre, 70 * next() ** 2, next() * 360), entries.length));
  }
  // Written in batches (a timing here would measure the run's load, not the index).
  await c.deps.discovery.putMany(entries);
}, 120_000);

afterAll(() => calls.stop());

const scans = () => Object.entries(calls.counts()).filter(([name]) => /scan/i.test(name));

describe('radius search', () => {
  it('finds exactly the entries a brute-force haversine check finds, edges included, with no Scan', async () => {
    const before = calls.counts().QueryCommand ?? 0;
    for (const { at, km } of searches) {
      const found = (await entriesWithin(c.deps, at, km)).map((e) => e.eventId).sort();
      const expected = entries
        .filter((e) => haversineKm(at, e) <= km)
        .map((e) => e.eventId)
        .sort();
      expect(found, `${km} km of ${JSON.stringify(at)}`).toEqual(expected);
      // The edge entries of this search are on the right side.
      const edge = entries.filter((e) => Math.abs(haversineKm(at, e) / km - 1) <= 0.1);
      expect(edge.length).toBeGreaterThanOrEqual(18);
      for (const e of edge) expect(found.includes(e.eventId)).toBe(haversineKm(at, e) <= km);
    }
    expect(scans()).toEqual([]);
    expect((calls.counts().QueryCommand ?? 0) - before).toBeGreaterThan(searches.length);
  });

  it('filters by date, interest and price and pages through every match, ranked', async () => {
    const { at, km } = { at: centres[0] ?? { lat: 0, lng: 0 }, km: 25 };
    c.deps.clock = { now: () => new Date('2030-06-01T00:00:00Z') };
    const q = { ...at, radiusKm: km, from: '2031-02-01T00:00:00.000Z', to: '2031-06-01T00:00:00.000Z' };
    const filters = { ...q, interest: 'food', maxPriceMinor: 2000, currency: 'EUR' };
    const seen: { eventId: string; score: number }[] = [];
    let cursor: string | undefined;
    do {
      const page = await discoverEvents(c.deps, user('geo-reader'), { ...filters, limit: 10, cursor });
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const expected = entries.filter(
      (e) =>
        haversineKm(at, e) <= km &&
        e.startsAt !== null &&
        e.startsAt >= q.from &&
        e.startsAt < q.to &&
        e.interestIds.includes('food') &&
        e.priceMinor <= 2000,
    );
    expect(expected.length).toBeGreaterThan(25);
    expect(seen.map((e) => e.eventId).sort()).toEqual(expected.map((e) => e.eventId).sort());
    const scores = seen.map((e) => e.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(scans()).toEqual([]);
  });
});

describe('the catalog keeps the index', () => {
  it('adds a published public event, follows its venue, and drops it when cancelled or deleted', async () => {
    c.deps.clock = { now: () => new Date() };
    recordJobs(c);
    const owner = 'geo-owner';
    const orgId = await orgWith(c, owner);
    const venue = await venueIn(c, owner, orgId);
    const placed = await updateVenue(c.deps, user(owner), orgId, venue.venueId, {
      geo: { lat: 48.1374, lng: 11.5755 },
    });
    const munich = { lat: 48.1374, lng: 11.5755 };
    const ids = async (at: LatLng) => (await entriesWithin(c.deps, at, 1)).map((e) => e.eventId);
    const make = () =>
      createEvent(c.deps, user(owner), orgId, eventInput(placed.venueId, { interestIds: ['music'] }));
    const kept = await make();
    const cancelled = await make();
    const deleted = await make();
    expect(await ids(munich)).toEqual([]);
    for (const e of [kept, cancelled, deleted])
      await changeEventStatus(c.deps, user(owner), orgId, e.eventId, 'published');
    expect((await ids(munich)).sort()).toEqual([kept, cancelled, deleted].map((e) => e.eventId).sort());

    await changeEventStatus(c.deps, user(owner), orgId, cancelled.eventId, 'cancelled');
    await deleteEvent(c.deps, user(owner), orgId, deleted.eventId);
    expect(await ids(munich)).toEqual([kept.eventId]);

    const hamburg = { lat: 53.5511, lng: 9.9937 };
    await updateVenue(c.deps, user(owner), orgId, venue.venueId, { geo: hamburg });
    expect(await ids(munich)).toEqual([]);
    expect(await ids(hamburg)).toEqual([kept.eventId]);
    await c.deps.events.remove(orgId, kept.eventId);
    expect(await ids(hamburg)).toEqual([]);
  });

  it('refuses interests outside the catalog, naming the field', async () => {
    const owner = 'geo-owner-2';
    const orgId = await orgWith(c, owner);
    const venue = await venueIn(c, owner, orgId);
    await expect(
      createEvent(c.deps, user(owner), orgId, eventInput(venue.venueId, { interestIds: ['knitting'] })),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { errors: [{ field: 'interestIds' }] } });
  });
});
