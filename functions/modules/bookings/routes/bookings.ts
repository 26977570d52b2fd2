import { pageQuerySchema, sessionParams } from '../../../kernel/contracts/common.js';
import { reply, replyPage, routeGroup } from '../../../kernel/http/route-group.js';
import {
  attendeeBookingsParams,
  bookBody,
  bookingDetailSchema,
  bookingParams,
  bookingSchema,
  sessionAvailabilitySchema,
} from '../contracts/bookings.js';
import { bookingOrWaitlistSchema } from '../contracts/waitlist.js';

/** Bookings of sessions: book, confirm, cancel, read; served by `bookings`. */
export const bookingRoutes = routeGroup({ function: 'bookings', auth: 'jwt', tag: 'Bookings' }, [
  {
    operationId: 'book',
    method: 'POST',
    throttleClass: 'bookings',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}/bookings',
    summary:
      'Book seats of a session for an attendee or a party (free events: confirmed; priced: held until paid or the hold lapses). With joinWaitlistIfFull, a session without places for it answers 202 with `{ waitlistEntry }` instead. Send an Idempotency-Key to retry safely',
    params: sessionParams,
    body: bookBody,
    success: reply(
      201,
      'The booking (202 with `{ waitlistEntry }` when it joined the waitlist instead)',
      bookingOrWaitlistSchema,
    ),
    problems: [403, 404, 409, 503],
  },
  {
    operationId: 'listSessionBookings',
    method: 'GET',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}/bookings',
    summary: 'List the bookings of a session (staff)',
    params: sessionParams,
    query: pageQuerySchema,
    success: replyPage('A page of bookings', bookingSchema, 'BookingPage'),
    problems: [403, 404],
  },
  {
    operationId: 'getBooking',
    method: 'GET',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}/bookings/{bookingId}',
    summary: 'Read a booking with its seats and history',
    params: bookingParams,
    success: reply(200, 'The booking', bookingDetailSchema),
    problems: [403, 404],
  },
  {
    operationId: 'confirmBooking',
    method: 'POST',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}/bookings/{bookingId}/confirm',
    summary:
      'Confirm a held booking before its hold lapses (staff: a priced one was paid otherwise; 409 PAYMENT_IN_PROGRESS while the attendee pays online)',
    params: bookingParams,
    success: reply(200, 'The confirmed booking', bookingSchema),
    problems: [403, 404, 409, 503],
  },
  {
    operationId: 'cancelBooking',
    method: 'POST',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}/bookings/{bookingId}/cancel',
    summary:
      "Cancel a held or confirmed booking, releasing its seats (attendees until the event's cancel cutoff, staff any time)",
    params: bookingParams,
    success: reply(200, 'The cancelled booking', bookingSchema),
    problems: [403, 404, 409, 503],
  },
  {
    operationId: 'getAvailability',
    method: 'GET',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}/availability',
    summary: 'Live availability of a session with the state of each seat',
    params: sessionParams,
    success: reply(200, 'The availability', sessionAvailabilitySchema),
    problems: [403, 404],
  },
  {
    operationId: 'listAttendeeBookings',
    method: 'GET',
    path: '/v1/orgs/{orgId}/attendees/{attendeeId}/bookings',
    summary: 'The bookings of an attendee, newest first (staff, or the attendee)',
    params: attendeeBookingsParams,
    query: pageQuerySchema,
    success: replyPage('A page of bookings', bookingSchema, 'BookingPage'),
    problems: [403, 404],
  },
  {
    operationId: 'listMyBookings',
    method: 'GET',
    path: '/v1/me/bookings',
    summary: "The caller's bookings across organizations, newest first",
    tag: 'Me',
    query: pageQuerySchema,
    success: replyPage('A page of bookings', bookingSchema, 'BookingPage'),
    problems: [],
  },
]);
