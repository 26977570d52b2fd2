import { getContainer } from '../../../app/container.js';
import { accepted, created, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { cancelBooking, confirmBooking } from '../domain/bookings.js';
import {
  getAvailability,
  getBooking,
  listAttendeeBookings,
  listMyBookings,
  listSessionBookings,
} from '../domain/bookings-view.js';
import { bookOrJoin } from '../domain/waitlist-join.js';

const deps = () => getContainer().deps;

export const bookingHandlers = {
  book: async ({ principal, params, body }) => {
    const outcome = await bookOrJoin(deps(), principal, params.orgId, params.sessionId, body);
    return outcome.kind === 'booked' ? created(outcome.booking) : accepted({ waitlistEntry: outcome.entry });
  },
  listSessionBookings: async ({ principal, params, query }) =>
    ok(await listSessionBookings(deps(), principal, params.orgId, params.sessionId, query)),
  getBooking: async ({ principal, params }) => ok(await getBooking(deps(), principal, params)),
  confirmBooking: async ({ principal, params }) => ok(await confirmBooking(deps(), principal, params)),
  cancelBooking: async ({ principal, params }) => ok(await cancelBooking(deps(), principal, params)),
  getAvailability: async ({ principal, params }) =>
    ok(await getAvailability(deps(), principal, params.orgId, params.sessionId)),
  listAttendeeBookings: async ({ principal, params, query }) =>
    ok(await listAttendeeBookings(deps(), principal, params.orgId, params.attendeeId, query)),
  listMyBookings: async ({ principal, query }) => ok(await listMyBookings(deps(), principal, query)),
} satisfies Partial<RouteHandlers<'bookings'>>;
