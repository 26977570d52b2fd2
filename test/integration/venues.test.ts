import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import {
  createVenue,
  deleteVenue,
  getVenue,
  listVenues,
  updateVenue,
} from '../../functions/modules/catalog/domain/venues.js';
import { orgWith, recordJobs, venueIn } from './catalog-world.js';
import { freshContainer, user } from './fixtures.js';

describe('venues against DynamoDB Local', () => {
  let c: Container;
  let jobs: ReturnType<typeof recordJobs>;
  let orgId: string;
  const owner = user('v-owner');

  beforeAll(async () => {
    c = await freshContainer();
    jobs = recordJobs(c);
    orgId = await orgWith(c, 'v-owner', { 'v-org': 'organizer', 'v-viewer': 'viewer' });
  });

  it('creates a venue with generated room ids and reads it back', async () => {
    const venue = await createVenue(c.deps, owner, orgId, {
      name: 'Riverside Hall',
      address: 'Uferstraße 12',
      city: 'Berlin',
      timezone: 'Europe/Berlin',
      geo: { lat: 52.5, lng: 13.4 },
      type: 'theatre',
      rooms: [{ name: 'Main', capacity: 300 }, { name: 'Foyer' }],
      managerId: 'v-org',
    });
    expect(venue.venueId).toMatch(/^ven_[0-9a-z]{20}$/);
    expect(venue.rooms.map((r) => r.roomId)).toEqual([
      expect.stringMatching(/^room_[0-9a-z]{20}$/),
      expect.stringMatching(/^room_[0-9a-z]{20}$/),
    ]);
    expect(venue.rooms[1]?.capacity).toBeNull();
    expect(await getVenue(c.deps, user('v-viewer'), orgId, venue.venueId)).toEqual(venue);
    expect(await c.deps.venues.get(orgId, venue.venueId)).toEqual(venue);
  });

  it('refuses a manager who is not a member, naming the field', async () => {
    await expect(
      createVenue(c.deps, owner, orgId, {
        name: 'X',
        address: 'Y',
        city: 'Z',
        timezone: 'UTC',
        rooms: [],
        managerId: 'stranger',
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { errors: [{ field: 'managerId', message: expect.any(String) }] },
    });
    const venue = await venueIn(c, 'v-owner', orgId);
    await expect(
      updateVenue(c.deps, owner, orgId, venue.venueId, { managerId: 'stranger' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('lets viewers read but not manage venues', async () => {
    await expect(venueIn(c, 'v-viewer', orgId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listVenues(c.deps, user('v-viewer'), orgId, undefined, { limit: 5 })).resolves.toBeDefined();
  });

  it('answers NOT_FOUND for a venue of another organization', async () => {
    const other = await orgWith(c, 'v-other');
    const theirs = await venueIn(c, 'v-other', other);
    await expect(getVenue(c.deps, owner, orgId, theirs.venueId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getVenue(c.deps, owner, other, theirs.venueId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists the venues of an organization page by page', async () => {
    const org = await orgWith(c, 'v-pager');
    const made = [];
    for (const name of ['A', 'B', 'C', 'D', 'E']) made.push(await venueIn(c, 'v-pager', org, name));
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listVenues(c.deps, user('v-pager'), org, undefined, { limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((v) => v.venueId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual(made.map((v) => v.venueId).sort());
  });

  it('lists the venues one member manages, following manager changes', async () => {
    const org = await orgWith(c, 'v-mgr', { m1: 'organizer', m2: 'staff' });
    const a = await venueIn(c, 'v-mgr', org, 'A');
    const b = await venueIn(c, 'v-mgr', org, 'B');
    await updateVenue(c.deps, user('v-mgr'), org, a.venueId, { managerId: 'm1' });
    await updateVenue(c.deps, user('v-mgr'), org, b.venueId, { managerId: 'm1' });
    const byM1 = (cursor?: string) => listVenues(c.deps, user('v-mgr'), org, 'm1', { limit: 1, cursor });
    const first = await byM1();
    expect(first.items).toHaveLength(1);
    const second = await byM1(first.nextCursor ?? undefined);
    expect([...first.items, ...second.items].map((v) => v.venueId).sort()).toEqual(
      [a.venueId, b.venueId].sort(),
    );

    await updateVenue(c.deps, user('v-mgr'), org, a.venueId, { managerId: 'm2' });
    await updateVenue(c.deps, user('v-mgr'), org, b.venueId, { managerId: null });
    expect((await byM1()).items).toEqual([]);
    const byM2 = await listVenues(c.deps, user('v-mgr'), org, 'm2', { limit: 10 });
    expect(byM2.items.map((v) => v.venueId)).toEqual([a.venueId]);
  });

  it('updates fields, clears optional ones and keeps the ids of rooms it names', async () => {
    const venue = await createVenue(c.deps, owner, orgId, {
      name: 'Old',
      address: 'A',
      city: 'B',
      timezone: 'Europe/Berlin',
      geo: { lat: 1, lng: 2 },
      type: 'club',
      rooms: [{ name: 'Main', capacity: 10 }, { name: 'Side' }],
    });
    const main = venue.rooms[0]!;
    const updated = await updateVenue(c.deps, owner, orgId, venue.venueId, {
      name: 'New',
      timezone: 'America/New_York',
      geo: null,
      type: null,
      rooms: [{ roomId: main.roomId, name: 'Main stage', capacity: 20 }, { name: 'Balcony' }],
    });
    expect(updated).toMatchObject({ name: 'New', timezone: 'America/New_York', geo: null, type: null });
    expect(updated.rooms[0]).toEqual({ roomId: main.roomId, name: 'Main stage', capacity: 20 });
    expect(updated.rooms[1]?.roomId).not.toBe(venue.rooms[1]?.roomId);
    expect(await c.deps.venues.get(orgId, venue.venueId)).toEqual(updated);
  });

  it('refuses a room id the venue does not have, naming the room', async () => {
    const venue = await venueIn(c, 'v-owner', orgId);
    await expect(
      updateVenue(c.deps, owner, orgId, venue.venueId, {
        rooms: [{ roomId: 'room_00000000000000000000', name: 'Ghost' }],
      }),
    ).rejects.toMatchObject({ details: { errors: [{ field: 'rooms.0.roomId' }] } });
  });

  it('refuses a change based on a stale read', async () => {
    const venue = await venueIn(c, 'v-owner', orgId);
    await updateVenue(c.deps, owner, orgId, venue.venueId, { name: 'First' });
    await expect(
      c.deps.venues.replace(venue, { ...venue, name: 'Stale', updatedAt: new Date().toISOString() }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await c.deps.venues.get(orgId, venue.venueId))?.name).toBe('First');
  });

  it('marks a deleted venue deleting, requests its cascade once, and refuses changes', async () => {
    const venue = await venueIn(c, 'v-owner', orgId);
    const deletion = await deleteVenue(c.deps, owner, orgId, venue.venueId);
    expect(deletion).toMatchObject({ orgId, targetId: venue.venueId, kind: 'venue', status: 'running' });
    expect(jobs).toContainEqual({ type: 'catalog.delete', orgId, targetId: venue.venueId });
    expect((await getVenue(c.deps, owner, orgId, venue.venueId)).deleting).toBe(true);
    await expect(updateVenue(c.deps, owner, orgId, venue.venueId, { name: 'No' })).rejects.toMatchObject({
      code: 'VENUE_DELETING',
    });
    await expect(
      c.deps.venues.replace(venue, { ...venue, name: 'Raced', updatedAt: new Date().toISOString() }),
    ).rejects.toMatchObject({ code: 'VENUE_DELETING' });
    const again = await deleteVenue(c.deps, owner, orgId, venue.venueId);
    expect(again.requestedAt).toBe(deletion.requestedAt);
  });

  it('answers NOT_FOUND when deleting or changing a venue that does not exist', async () => {
    const missing = 'ven_00000000000000000000';
    await expect(deleteVenue(c.deps, owner, orgId, missing)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(updateVenue(c.deps, owner, orgId, missing, { name: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(c.deps.venues.markDeleting(orgId, missing, new Date().toISOString())).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('removes a venue and purges an organization in batches', async () => {
    const org = await orgWith(c, 'v-purge');
    const venues = [];
    for (const name of ['A', 'B', 'C']) venues.push(await venueIn(c, 'v-purge', org, name));
    await c.deps.venues.remove(org, venues[0]!.venueId);
    expect(await c.deps.venues.get(org, venues[0]!.venueId)).toBeUndefined();
    expect(await c.deps.venues.purgeOrg(org, 1)).toBe(1);
    expect(await c.deps.venues.purgeOrg(org, 5)).toBe(1);
    expect(await c.deps.venues.purgeOrg(org, 5)).toBe(0);
  });
});
