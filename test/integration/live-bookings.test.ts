import { beforeAll, describe, expect, it } from 'vitest';
import { book, cancelBooking } from '../../functions/core/use-cases/bookings.js';
import { deleteEvent } from '../../functions/core/use-cases/events.js';
import { deleteOrganization } from '../../functions/core/use-cases/organizations.js';
import { deleteSession } from '../../functions/core/use-cases/sessions.js';
import { deleteVenue } from '../../functions/core/use-cases/venues.js';
import type { Container } from '../../functions/shared/container.js';
import { bookingWorld, owner, refOf } from './booking-world.js';
import { recordJobs } from './catalog-world.js';
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
});
