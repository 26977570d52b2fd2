import { beforeAll, describe, expect, it } from 'vitest';
import { buildContainer, type Container } from '../../functions/app/container.js';
import { readEnv } from '../../functions/kernel/env.js';
import { cancelBooking, confirmBooking } from '../../functions/modules/bookings/domain/bookings-changes.js';
import {
  getAvailability,
  listSessionBookings,
} from '../../functions/modules/bookings/domain/bookings-view.js';
import { leaveWaitlist } from '../../functions/modules/bookings/domain/waitlist-changes.js';
import { bookOrJoin } from '../../functions/modules/bookings/domain/waitlist-join.js';
import { ada, ben, bookingWorld, door, refOf } from './booking-world.js';
import { freshContainer } from './fixtures.js';

/**
 * The booking routes' use cases on the container the bookings function builds (its own port table
 * and a service of their entities only, as in its bundle), on DynamoDB Local. The world they book
 * in is made with every port.
 */
describe("the bookings function's own container", () => {
  let world: Container & { tableName: string };
  let own: Container;
  let w: Awaited<ReturnType<typeof bookingWorld>>;

  beforeAll(async () => {
    world = await freshContainer({ SCHEDULER_MODE: 'local' });
    w = await bookingWorld(world);
    process.env.EVENTLY_FUNCTION = 'bookings';
    try {
      own = buildContainer(readEnv({ ...process.env, TABLE_NAME: world.tableName, SCHEDULER_MODE: 'local' }));
    } finally {
      delete process.env.EVENTLY_FUNCTION;
    }
  });

  it('books a free place, and holds, confirms and cancels a priced one', async () => {
    const free = await w.session(w.freeEventId, 'general');
    const booked = await bookOrJoin(own.deps, ada, w.orgId, free.sessionId, { attendeeId: w.ada });
    expect(booked.kind === 'booked' && booked.booking.status).toBe('confirmed');

    const priced = await w.session(w.paidEventId, 'general');
    const held = await bookOrJoin(own.deps, ben, w.orgId, priced.sessionId, { attendeeId: w.ben, seats: 1 });
    if (held.kind !== 'booked') throw new Error('expected a booking');
    expect(held.booking.status).toBe('held');
    expect((await confirmBooking(own.deps, door, refOf(held.booking))).status).toBe('confirmed');
    expect((await cancelBooking(own.deps, door, refOf(held.booking))).status).toBe('cancelled');

    const page = await listSessionBookings(own.deps, door, w.orgId, priced.sessionId, { limit: 10 });
    expect(page.items.map((b) => b.status)).toEqual(['cancelled']);
    expect((await getAvailability(own.deps, door, w.orgId, priced.sessionId)).available).toBe(5);
  });

  it('puts a buyer of a full session on its line and takes them off it', async () => {
    const full = await w.session(w.freeEventId, 'general', 1);
    await bookOrJoin(own.deps, ada, w.orgId, full.sessionId, { attendeeId: w.ada });
    const joined = await bookOrJoin(own.deps, ben, w.orgId, full.sessionId, {
      attendeeId: w.ben,
      seats: 1,
      joinWaitlistIfFull: true,
    });
    if (joined.kind !== 'waitlisted') throw new Error('expected a place on the line');
    expect(joined.entry.status).toBe('waiting');
    expect((await leaveWaitlist(own.deps, ben, w.orgId, joined.entry.entryId)).status).toBe('cancelled');
  });

  it('names a port of another function when it is asked for', () => {
    expect(() => own.deps.venues).toThrow(/^venues: not a port of this function/);
    expect(() => own.deps.ticketKeys).toThrow(/^ticketKeys: not a port of this function/);
  });
});
