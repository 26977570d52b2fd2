import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import {
  type CreateEventInput,
  changeEventStatus,
  createEvent,
  deleteEvent,
  getEvent,
  listEvents,
  listPublicEvents,
  updateEvent,
} from '../../functions/modules/catalog/domain/events.js';
import type { Event } from '../../functions/modules/catalog/domain/model.js';
import { deleteVenue } from '../../functions/modules/catalog/domain/venues.js';
import { eventInput, orgWith, recordJobs, venueIn } from './catalog-world.js';
import { freshContainer, user } from './fixtures.js';

describe('events against DynamoDB Local', () => {
  let c: Container;
  let jobs: ReturnType<typeof recordJobs>;
  let orgId: string;
  let venueId: string;
  const owner = user('e-owner');

  const input = (overrides: Partial<CreateEventInput> = {}): CreateEventInput =>
    eventInput(venueId, {
      title: 'Jazz Night',
      defaultDurationMinutes: 90,
      defaultCapacity: 100,
      ...overrides,
    });

  const make = (overrides: Partial<CreateEventInput> = {}, org = orgId, by = owner) =>
    createEvent(c.deps, by, org, input(overrides));

  const publish = (e: Event) => changeEventStatus(c.deps, owner, e.orgId, e.eventId, 'published');

  /** Every page of a list, following cursors. */
  const all = async <T>(load: (cursor?: string) => Promise<{ items: T[]; nextCursor: string | null }>) => {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await load(cursor);
      items.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return items;
  };

  beforeAll(async () => {
    c = await freshContainer();
    jobs = recordJobs(c);
    orgId = await orgWith(c, 'e-owner', { 'e-host': 'organizer', 'e-viewer': 'viewer' });
    venueId = (await venueIn(c, 'e-owner', orgId)).venueId;
  });

  it('creates a draft with default settings and reads it back', async () => {
    const event = await make({
      hostId: 'e-host',
      price: { kind: 'paid', amountMinor: 2500, currency: 'EUR' },
      tags: ['jazz'],
      startsAt: '2027-03-01T19:00:00.000Z',
      endsAt: '2027-03-01T23:00:00.000Z',
      settings: { holdMinutes: 5, waitlistPolicy: 'fit' },
    });
    expect(event).toMatchObject({
      eventId: expect.stringMatching(/^evt_[0-9a-z]{20}$/),
      status: 'draft',
      deleting: false,
      hostId: 'e-host',
      settings: {
        maxSeatsPerBooking: 10,
        holdMinutes: 5,
        cancelCutoffMinutes: 60,
        waitlistPolicy: 'fit',
        waitlistMaxSkips: 3,
        offerMinutes: 30,
        offerCutoffMinutes: 60,
        offerExpiry: 'expire',
      },
    });
    expect(await getEvent(c.deps, user('e-viewer'), orgId, event.eventId)).toEqual(event);
    expect(await c.deps.events.get(orgId, event.eventId)).toEqual(event);
  });

  it('refuses a venue outside the organization and a host who is not a member, naming the field', async () => {
    const other = await orgWith(c, 'e-other');
    const theirVenue = await venueIn(c, 'e-other', other);
    await expect(make({ venueId: theirVenue.venueId })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { errors: [{ field: 'venueId' }] },
    });
    await expect(make({ hostId: 'stranger' })).rejects.toMatchObject({
      details: { errors: [{ field: 'hostId' }] },
    });
    const event = await make();
    await expect(
      updateEvent(c.deps, owner, orgId, event.eventId, { venueId: theirVenue.venueId }),
    ).rejects.toMatchObject({ details: { errors: [{ field: 'venueId' }] } });
    await expect(getEvent(c.deps, user('e-other'), orgId, event.eventId)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('refuses an end before the start', async () => {
    const event = await make({ startsAt: '2027-03-01T19:00:00.000Z' });
    await expect(
      updateEvent(c.deps, owner, orgId, event.eventId, { endsAt: '2027-03-01T18:00:00.000Z' }),
    ).rejects.toMatchObject({ details: { errors: [{ field: 'endsAt' }] } });
  });

  it('lets viewers read but not manage events', async () => {
    await expect(make({}, orgId, user('e-viewer'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('moves along the allowed transitions', async () => {
    const event = await make();
    const path = ['published', 'postponed', 'published', 'completed'] as const;
    for (const status of path) {
      expect((await changeEventStatus(c.deps, owner, orgId, event.eventId, status)).status).toBe(status);
    }
    expect((await getEvent(c.deps, owner, orgId, event.eventId)).status).toBe('completed');
    const cancelled = await make();
    await changeEventStatus(c.deps, owner, orgId, cancelled.eventId, 'cancelled');
    expect((await getEvent(c.deps, owner, orgId, cancelled.eventId)).status).toBe('cancelled');
  });

  it('answers the same event when asked for the status it already has', async () => {
    const event = await publish(await make());
    expect(await publish(event)).toEqual(event);
  });

  it('refuses other transitions, naming the current status', async () => {
    const draft = await make();
    await expect(changeEventStatus(c.deps, owner, orgId, draft.eventId, 'completed')).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
      message: expect.stringContaining('draft'),
      details: {
        currentStatus: 'draft',
        requestedStatus: 'completed',
        allowedStatuses: ['published', 'cancelled'],
      },
    });
    await expect(changeEventStatus(c.deps, owner, orgId, draft.eventId, 'postponed')).rejects.toMatchObject({
      code: 'INVALID_TRANSITION',
    });
    await changeEventStatus(c.deps, owner, orgId, draft.eventId, 'cancelled');
    for (const status of ['published', 'draft', 'completed'] as const) {
      await expect(changeEventStatus(c.deps, owner, orgId, draft.eventId, status)).rejects.toMatchObject({
        code: 'INVALID_TRANSITION',
        details: { currentStatus: 'cancelled', allowedStatuses: [] },
      });
    }
  });

  it('lists by venue, by status and by date range, each ordered by start', async () => {
    const org = await orgWith(c, 'e-lister');
    const by = user('e-lister');
    const hallA = (await venueIn(c, 'e-lister', org, 'A')).venueId;
    const hallB = (await venueIn(c, 'e-lister', org, 'B')).venueId;
    const at = (day: number) => `2027-05-${String(day).padStart(2, '0')}T18:00:00.000Z`;
    const e1 = await make({ venueId: hallA, startsAt: at(3) }, org, by);
    const e2 = await make({ venueId: hallB, startsAt: at(1) }, org, by);
    const e3 = await make({ venueId: hallA, startsAt: at(2) }, org, by);
    const e4 = await make({ venueId: hallA }, org, by);
    await changeEventStatus(c.deps, by, org, e3.eventId, 'published');
    await changeEventStatus(c.deps, by, org, e2.eventId, 'published');
    const ids = (events: Event[]) => events.map((e) => e.eventId);
    const list = (filter: Parameters<typeof listEvents>[3]) =>
      all((cursor) => listEvents(c.deps, by, org, filter, { limit: 2, cursor }));

    expect(ids(await list({}))).toEqual(ids([e2, e3, e1, e4]));
    expect(ids(await list({ venueId: hallA }))).toEqual(ids([e3, e1, e4]));
    expect(ids(await list({ venueId: hallA, status: 'draft' }))).toEqual(ids([e1, e4]));
    expect(ids(await list({ status: 'published' }))).toEqual(ids([e2, e3]));
    expect(ids(await list({ status: 'draft', from: at(1) }))).toEqual(ids([e1]));
    expect(ids(await list({ from: at(2), to: at(3) }))).toEqual(ids([e3]));
    expect(ids(await list({ from: at(2) }))).toEqual(ids([e3, e1]));
    expect(ids(await list({ to: at(3) }))).toEqual(ids([e2, e3]));
    expect(ids(await list({ venueId: hallA, from: at(1), to: at(4) }))).toEqual(ids([e3, e1]));

    await changeEventStatus(c.deps, by, org, e2.eventId, 'postponed');
    expect(ids(await list({ status: 'published' }))).toEqual(ids([e3]));
    await updateEvent(c.deps, by, org, e1.eventId, { venueId: hallB, startsAt: null });
    expect(ids(await list({ venueId: hallB }))).toEqual(ids([e2, e1]));
    expect(ids(await list({ from: at(1) }))).toEqual(ids([e2, e3]));
  });

  it('refuses a cursor of another list', async () => {
    const org = await orgWith(c, 'e-cursor');
    const by = user('e-cursor');
    const hall = (await venueIn(c, 'e-cursor', org)).venueId;
    await make({ venueId: hall }, org, by);
    await make({ venueId: hall }, org, by);
    const first = await listEvents(c.deps, by, org, {}, { limit: 1 });
    expect(first.nextCursor).toEqual(expect.any(String));
    await expect(
      listEvents(c.deps, by, org, { status: 'draft' }, { limit: 1, cursor: first.nextCursor ?? '' }),
    ).rejects.toMatchObject({ details: { errors: [{ field: 'cursor' }] } });
  });

  it('lists published public events across organizations by start and by tag', async () => {
    const other = await orgWith(c, 'e-pub');
    const otherVenue = (await venueIn(c, 'e-pub', other)).venueId;
    const at = (day: number) => `2028-01-${String(day).padStart(2, '0')}T20:00:00.000Z`;
    const rock = await publish(await make({ tags: ['rock', 'live'], startsAt: at(5) }));
    const jazz = await changeEventStatus(
      c.deps,
      user('e-pub'),
      other,
      (await make({ venueId: otherVenue, tags: ['jazz', 'live'], startsAt: at(2) }, other, user('e-pub')))
        .eventId,
      'published',
    );
    const hidden = await publish(await make({ tags: ['live'], startsAt: at(3), visibility: 'private' }));
    await make({ tags: ['live'], startsAt: at(4) });
    const ids = (events: { eventId: string }[]) => events.map((e) => e.eventId);
    const range = { from: at(1), to: at(28) };
    const list = (filter: Parameters<typeof listPublicEvents>[1]) =>
      all((cursor) => listPublicEvents(c.deps, filter, { limit: 1, cursor }));

    expect(ids(await list(range))).toEqual([jazz.eventId, rock.eventId]);
    expect(ids(await list({ ...range, tag: 'live' }))).toEqual([jazz.eventId, rock.eventId]);
    expect(ids(await list({ tag: 'jazz' }))).toEqual([jazz.eventId]);
    expect(ids(await list({ ...range, from: at(3) }))).toEqual([rock.eventId]);
    expect((await list({ tag: 'rock' }))[0]).toEqual({
      orgId,
      eventId: rock.eventId,
      venueId,
      title: rock.title,
      description: rock.description,
      startsAt: at(5),
      endsAt: null,
      tags: ['rock', 'live'],
      coverImageUrls: [],
      price: { kind: 'free' },
      admission: 'open',
    });

    // The listing follows each change of the event, in the same transaction.
    await updateEvent(c.deps, owner, orgId, rock.eventId, {
      tags: ['live'],
      title: 'Rock Night',
      startsAt: at(1),
    });
    expect(await list({ tag: 'rock' })).toEqual([]);
    expect((await list({ tag: 'live' })).map((e) => [e.eventId, e.title])).toEqual([
      [rock.eventId, 'Rock Night'],
      [jazz.eventId, jazz.title],
    ]);
    await updateEvent(c.deps, owner, orgId, hidden.eventId, { visibility: 'public' });
    expect(ids(await list({ tag: 'live', from: at(3), to: at(4) }))).toEqual([hidden.eventId]);
    await changeEventStatus(c.deps, owner, orgId, rock.eventId, 'cancelled');
    await changeEventStatus(c.deps, owner, orgId, hidden.eventId, 'postponed');
    expect(ids(await list({ tag: 'live' }))).toEqual([jazz.eventId]);
  });

  it('refuses a change based on a stale read', async () => {
    const event = await make();
    await updateEvent(c.deps, owner, orgId, event.eventId, { title: 'First' });
    await expect(
      c.deps.events.replace(event, { ...event, title: 'Stale', updatedAt: new Date().toISOString() }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await c.deps.events.get(orgId, event.eventId))?.title).toBe('First');
  });

  it('merges settings changes into the current settings', async () => {
    const event = await make({ settings: { offerMinutes: 10 } });
    const updated = await updateEvent(c.deps, owner, orgId, event.eventId, {
      settings: { maxSeatsPerBooking: 4 },
      hostId: 'e-host',
    });
    expect(updated.settings).toMatchObject({ offerMinutes: 10, maxSeatsPerBooking: 4, holdMinutes: 15 });
    const cleared = await updateEvent(c.deps, owner, orgId, event.eventId, { hostId: null });
    expect(cleared.hostId).toBeNull();
    expect(await c.deps.events.get(orgId, event.eventId)).toEqual(cleared);
  });

  it('deletes an event: it leaves the public listing, refuses changes and its cascade is requested', async () => {
    const event = await publish(await make({ tags: ['gone'] }));
    expect(await listPublicEvents(c.deps, { tag: 'gone' }, { limit: 5 })).toMatchObject({ items: [{}] });
    const deletion = await deleteEvent(c.deps, owner, orgId, event.eventId);
    expect(deletion).toMatchObject({ orgId, targetId: event.eventId, kind: 'event', status: 'running' });
    expect(jobs).toContainEqual({ type: 'catalog.delete', orgId, targetId: event.eventId });
    expect((await listPublicEvents(c.deps, { tag: 'gone' }, { limit: 5 })).items).toEqual([]);
    await expect(updateEvent(c.deps, owner, orgId, event.eventId, { title: 'x' })).rejects.toMatchObject({
      code: 'EVENT_DELETING',
    });
    await expect(changeEventStatus(c.deps, owner, orgId, event.eventId, 'cancelled')).rejects.toMatchObject({
      code: 'EVENT_DELETING',
    });
    expect((await deleteEvent(c.deps, owner, orgId, event.eventId)).requestedAt).toBe(deletion.requestedAt);

    await c.deps.events.remove(orgId, event.eventId);
    expect(await c.deps.events.get(orgId, event.eventId)).toBeUndefined();
  });

  it('removes an event with its listing items', async () => {
    const event = await publish(await make({ tags: ['bye'] }));
    await c.deps.events.remove(orgId, event.eventId);
    expect(await c.deps.events.get(orgId, event.eventId)).toBeUndefined();
    expect((await listPublicEvents(c.deps, { tag: 'bye' }, { limit: 5 })).items).toEqual([]);
  });

  it('lets the cascade of a venue find its events, and refuses new events at a venue being deleted', async () => {
    const hall = await venueIn(c, 'e-owner', orgId, 'Doomed');
    const a = await make({ venueId: hall.venueId });
    const b = await make({ venueId: hall.venueId });
    await deleteVenue(c.deps, owner, orgId, hall.venueId);
    const page = await c.deps.events.list(orgId, { venueId: hall.venueId }, { limit: 10 });
    expect(page.items.map((e) => e.eventId).sort()).toEqual([a.eventId, b.eventId].sort());
    await expect(make({ venueId: hall.venueId })).rejects.toMatchObject({ code: 'VENUE_DELETING' });
    // A write racing the delete mark is refused by the venue check inside the transaction.
    const raced: Event = { ...a, eventId: 'evt_00000000000000000001', createdAt: a.createdAt };
    await expect(c.deps.events.create(raced)).rejects.toMatchObject({ code: 'VENUE_DELETING' });
    // Its events are marked with it: they refuse changes (and bookings) as being deleted.
    expect((await c.deps.events.get(orgId, b.eventId))?.deleting).toBe(true);
    await expect(updateEvent(c.deps, owner, orgId, a.eventId, { title: 'x' })).rejects.toMatchObject({
      code: 'EVENT_DELETING',
    });
  });

  it('purges an organization’s events with their listing items in batches', async () => {
    const org = await orgWith(c, 'e-purge');
    const by = user('e-purge');
    const hall = (await venueIn(c, 'e-purge', org)).venueId;
    for (const tag of ['p1', 'p2', 'p3']) {
      const e = await make({ venueId: hall, tags: [tag] }, org, by);
      await changeEventStatus(c.deps, by, org, e.eventId, 'published');
    }
    expect(await c.deps.events.purgeOrg(org, 2)).toBe(2);
    expect(await c.deps.events.purgeOrg(org, 2)).toBe(1);
    expect(await c.deps.events.purgeOrg(org, 2)).toBe(0);
    for (const tag of ['p1', 'p2', 'p3']) {
      expect((await listPublicEvents(c.deps, { tag }, { limit: 5 })).items).toEqual([]);
    }
  });
});
