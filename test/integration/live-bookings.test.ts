import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { book, cancelBooking } from '../../functions/modules/bookings/domain/bookings.js';
import type { Booking } from '../../functions/modules/bookings/domain/model.js';
import { deleteEvent } from '../../functions/modules/catalog/domain/events.js';
import { createSessions } from '../../functions/modules/catalog/domain/sessions.js';
import { deleteSession } from '../../functions/modules/catalog/domain/sessions-delete.js';
import { deleteVenue } from '../../functions/modules/catalog/domain/venues.js';
import { deleteOrganization } from '../../functions/modules/organizations/domain/organizations.js';
import { bookingWorld, owner, publishedEventAt, refOf } from './booking-world.js';
import { recordJobs, venueIn } from './catalog-world.js';
import { freshContainer } from './fixtures.js';

/** A delete that would take live bookings with it is refused until they are cancelled. */
describe('deletes and live bookings against DynamoDB Local', () => {
  let c: Container;
  let world: Awaited<ReturnType<typeof bookingWorld>>;
  beforeAll(async () => {
    c = await freshContainer();
    recordJobs(c);
    world = await bookingWorld(c);
  });

  it('refuses to delete a session, its event, venue or organization while a booking holds seats', async () => {
    const session = await world.session(world.freeEventId, 'general');
    const booking = await book(c.deps, owner, world.orgId, session.sessionId, { attendeeId: world.ada });
    const venueId = (await c.deps.events.get(world.orgId, world.freeEventId))!.venueId;
    const refused = { code: 'HAS_LIVE_BOOKINGS', details: { sessionIds: [session.sessionId] } };
    await expect(deleteSession(c.deps, owner, world.orgId, session.sessionId)).rejects.toMatchObject(refused);
    await expect(deleteEvent(c.deps, owner, world.orgId, world.freeEventId)).rejects.toMatchObject(refused);
    await expect(deleteVenue(c.deps, owner, world.orgId, venueId)).rejects.toMatchObject(refused);
    await expect(deleteOrganization(c.deps, owner, world.orgId)).rejects.toMatchObject(refused);
    expect((await c.deps.orgs.get(world.orgId))?.status).toBe('active');
    // Nothing was marked deleting by the refused attempts.
    expect((await c.deps.sessions.get(world.orgId, session.sessionId))?.deleting).toBe(false);
    expect((await c.deps.events.get(world.orgId, world.freeEventId))?.deleting).toBe(false);

    await cancelBooking(c.deps, owner, refOf(booking));
    await expect(deleteSession(c.deps, owner, world.orgId, session.sessionId)).resolves.toMatchObject({
      kind: 'session',
      status: 'running',
    });
  });

  it('refuses, and takes its mark back, when a booking lands between the first check and the mark', async () => {
    const session = await world.session(world.freeEventId, 'general');
    const refused = { code: 'HAS_LIVE_BOOKINGS', details: { sessionIds: [session.sessionId] } };
    const bookings: string[] = [];
    // A booking that commits right before the mark is set, after the first look found none.
    const bookFirst = async () => {
      const b = await book(c.deps, owner, world.orgId, session.sessionId, { attendeeId: world.ada });
      bookings.push(b.bookingId);
    };
    const { sessions, events, orgs } = c.deps;
    const original = { session: sessions.markDeleting, event: events.markDeleting, org: orgs.markDeleting };
    try {
      sessions.markDeleting = async (...args) => {
        await bookFirst();
        return original.session(...args);
      };
      await expect(deleteSession(c.deps, owner, world.orgId, session.sessionId)).rejects.toMatchObject(
        refused,
      );
      expect((await sessions.get(world.orgId, session.sessionId))?.deleting).toBe(false);
      sessions.markDeleting = original.session;
      await cancelBooking(c.deps, owner, {
        orgId: world.orgId,
        sessionId: session.sessionId,
        bookingId: bookings[0]!,
      });

      const listed = async () =>
        (await c.deps.events.listPublic({}, { limit: 100 })).items.map((e) => e.eventId);
      expect(await listed()).toContain(world.freeEventId);
      events.markDeleting = async (...args) => {
        await bookFirst();
        return original.event(...args);
      };
      await expect(deleteEvent(c.deps, owner, world.orgId, world.freeEventId)).rejects.toMatchObject(refused);
      expect((await events.get(world.orgId, world.freeEventId))?.deleting).toBe(false);
      // Back in the public listing, which the mark had withdrawn it from.
      expect(await listed()).toContain(world.freeEventId);
      events.markDeleting = original.event;
      await cancelBooking(c.deps, owner, {
        orgId: world.orgId,
        sessionId: session.sessionId,
        bookingId: bookings[1]!,
      });

      orgs.markDeleting = async (...args) => {
        await bookFirst();
        return original.org(...args);
      };
      await expect(deleteOrganization(c.deps, owner, world.orgId)).rejects.toMatchObject(refused);
      expect((await orgs.get(world.orgId))?.status).toBe('active');
    } finally {
      Object.assign(sessions, { markDeleting: original.session });
      Object.assign(events, { markDeleting: original.event });
      Object.assign(orgs, { markDeleting: original.org });
    }
    // Every booking made in the window survived, and the session still takes bookings.
    // (The venue's turn comes in the next test, on a venue of its own.)
    for (const bookingId of bookings) {
      expect(
        await c.deps.bookings.get({ orgId: world.orgId, sessionId: session.sessionId, bookingId }),
      ).toBeDefined();
    }
    await bookFirst();
  });

  it('a venue delete marks its events too: a booking before the marks refuses it, none lands after', async () => {
    const venue = await venueIn(c, owner.sub, world.orgId, 'Annex');
    const event = {
      eventId: await publishedEventAt(c, world.orgId, venue.venueId, { title: 'Annex night' }),
    };
    const { sessions } = await createSessions(c.deps, owner, world.orgId, event.eventId, {
      startsAt: '2030-06-01T19:00',
      roomId: venue.rooms[0]!.roomId,
    });
    const sessionId = sessions[0]!.sessionId;
    const venues = c.deps.venues;
    const markVenue = venues.markDeleting;
    let raced: Booking | undefined;
    try {
      // A booking that commits right before the venue is marked, after the first look found none.
      venues.markDeleting = async (...args) => {
        raced = await book(c.deps, owner, world.orgId, sessionId, { attendeeId: world.ada });
        return markVenue(...args);
      };
      await expect(deleteVenue(c.deps, owner, world.orgId, venue.venueId)).rejects.toMatchObject({
        code: 'HAS_LIVE_BOOKINGS',
        details: { sessionIds: [sessionId] },
      });
    } finally {
      venues.markDeleting = markVenue;
    }
    // Both marks were taken back: the event is listed again and takes bookings.
    expect((await venues.get(world.orgId, venue.venueId))?.deleting).toBe(false);
    expect((await c.deps.events.get(world.orgId, event.eventId))?.deleting).toBe(false);
    const listed = (await c.deps.events.listPublic({}, { limit: 100 })).items.map((e) => e.eventId);
    expect(listed).toContain(event.eventId);
    await cancelBooking(c.deps, owner, refOf(raced!));

    await expect(deleteVenue(c.deps, owner, world.orgId, venue.venueId)).resolves.toMatchObject({
      kind: 'venue',
    });
    // Marked with its venue, the event refuses bookings until the cascade removes it.
    await expect(
      book(c.deps, owner, world.orgId, sessionId, { attendeeId: world.ada }),
    ).rejects.toMatchObject({ code: 'EVENT_DELETING' });
  });
});
