import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../functions/kernel/domain/types.js';
import type { Event, PublicEvent, Venue } from '../../functions/modules/catalog/domain/model.js';
import { useLocalRuntime } from '../support/local-runtime.js';

/** An organizer's path over HTTP: a venue, an event at it, publishing it, and the public listing. */

const rt = useLocalRuntime();
let token: string;
let orgId: string;

interface Problem {
  code: string;
  detail: string;
  errors?: { field: string }[];
  details?: Record<string, unknown>;
}

const fieldsOf = (p: Problem) => (p.errors ?? []).map((e) => e.field);

beforeAll(async () => {
  token = await rt.mintToken({ sub: 'organizer-e2e', email: 'organizer@e2e.example', name: 'Org' });
  const res = await rt.call<{ orgId: string }>('POST', '/v1/orgs', { token, body: { name: 'Catalog E2E' } });
  orgId = res.json.orgId;
});

const createVenue = (body: Record<string, unknown>) =>
  rt.call<Venue>('POST', `/v1/orgs/${orgId}/venues`, { token, body });

const hall = { name: 'Riverside Hall', address: 'Uferstraße 12', city: 'Berlin', timezone: 'Europe/Berlin' };

describe('venues and events over HTTP', () => {
  it('takes an organizer from a venue to a published event in the public listing', async () => {
    const venue = await createVenue({ ...hall, rooms: [{ name: 'Main', capacity: 200 }] });
    expect(venue.status).toBe(201);
    expect(venue.json.rooms[0]).toEqual({
      roomId: expect.stringMatching(/^room_/),
      name: 'Main',
      capacity: 200,
    });

    const created = await rt.call<Event>('POST', `/v1/orgs/${orgId}/events`, {
      token,
      body: {
        venueId: venue.json.venueId,
        title: 'River Jazz',
        defaultCapacity: 200,
        tags: ['jazz'],
        price: { kind: 'paid', amountMinor: 2500, currency: 'EUR' },
        startsAt: '2027-07-01T20:00:00+02:00',
      },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      status: 'draft',
      startsAt: '2027-07-01T18:00:00.000Z',
      settings: { maxSeatsPerBooking: 10, holdMinutes: 15 },
    });
    const { eventId } = created.json;

    const publicBefore = await rt.call<Page<PublicEvent>>('GET', '/v1/events?tag=jazz');
    expect(publicBefore.json.items).toEqual([]);

    const published = await rt.call<Event>('POST', `/v1/orgs/${orgId}/events/${eventId}/status`, {
      token,
      body: { status: 'published' },
    });
    expect(published.status).toBe(200);
    expect(published.json.status).toBe('published');

    const listed = await rt.call<Page<PublicEvent>>(
      'GET',
      '/v1/events?tag=jazz&from=2027-07-01T00:00:00Z&to=2027-07-02T00:00:00Z',
    );
    expect(listed.status).toBe(200);
    expect(listed.json.items.map((e) => [e.eventId, e.title, e.price])).toEqual([
      [eventId, 'River Jazz', { kind: 'paid', amountMinor: 2500, currency: 'EUR' }],
    ]);

    const byVenue = await rt.call<Page<Event>>(
      'GET',
      `/v1/orgs/${orgId}/events?venueId=${venue.json.venueId}&status=published`,
      { token },
    );
    expect(byVenue.json.items.map((e) => e.eventId)).toEqual([eventId]);

    const deleted = await rt.call('DELETE', `/v1/orgs/${orgId}/events/${eventId}`, { token });
    expect(deleted.status).toBe(202);
    expect(deleted.json).toMatchObject({ targetId: eventId, kind: 'event', status: expect.any(String) });
    expect((await rt.call<Page<PublicEvent>>('GET', '/v1/events?tag=jazz')).json.items).toEqual([]);
  });

  it('answers 422 naming the field for an unknown time zone', async () => {
    const res = await createVenue({ ...hall, timezone: 'Mars/Olympus_Mons' });
    expect(res.status).toBe(422);
    expect(fieldsOf(res.json as unknown as Problem)).toContain('body.timezone');
  });

  it('answers 422 naming the field for a manager who is not a member', async () => {
    const res = await createVenue({ ...hall, managerId: 'somebody-else' });
    expect(res.status).toBe(422);
    expect(fieldsOf(res.json as unknown as Problem)).toEqual(['managerId']);
  });

  it('answers 409 naming the current status for a transition that is not allowed', async () => {
    const venue = await createVenue(hall);
    const event = await rt.call<Event>('POST', `/v1/orgs/${orgId}/events`, {
      token,
      body: { venueId: venue.json.venueId, title: 'Draft', defaultCapacity: 10 },
    });
    const res = await rt.call<Problem>('POST', `/v1/orgs/${orgId}/events/${event.json.eventId}/status`, {
      token,
      body: { status: 'completed' },
    });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.json.code).toBe('INVALID_TRANSITION');
    expect(res.json.detail).toContain('draft');
    expect(res.json.details).toEqual({
      currentStatus: 'draft',
      requestedStatus: 'completed',
      allowedStatuses: ['published', 'cancelled'],
    });
  });

  it('deletes a venue in the background and refuses changes to it meanwhile', async () => {
    const venue = await createVenue(hall);
    const path = `/v1/orgs/${orgId}/venues/${venue.json.venueId}`;
    const deleted = await rt.call('DELETE', path, { token });
    expect(deleted.status).toBe(202);
    expect(deleted.json).toMatchObject({ targetId: venue.json.venueId, kind: 'venue' });
    const patched = await rt.call<Problem>('PATCH', path, { token, body: { name: 'Too late' } });
    // Either still being deleted (409) or already gone (404), never changed.
    expect([404, 409]).toContain(patched.status);
  });
});
