import { pageQuerySchema } from '../../../kernel/contracts/common.js';
import { reply, routeGroup } from '../../../kernel/http/route-group.js';
import { bookingParams } from '../../bookings/index.js';
import { checkinParams, scanAnswerSchema, scanBody } from '../contracts/checkins.js';
import { ticketListSchema, ticketPageSchema } from '../contracts/tickets.js';

/** Tickets and the door; served by `tickets`, the one function that holds the ticket key. */
export const ticketRoutes = routeGroup({ function: 'tickets', auth: 'jwt', tag: 'Tickets and check-in' }, [
  {
    operationId: 'listMyTickets',
    method: 'GET',
    path: '/v1/me/tickets',
    summary:
      "The caller's tickets (of their confirmed bookings, a page of bookings at a time), with their codes",
    query: pageQuerySchema,
    success: reply(200, 'Tickets', ticketPageSchema),
    problems: [],
  },
  {
    operationId: 'listBookingTickets',
    method: 'GET',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}/bookings/{bookingId}/tickets',
    summary: "A booking's tickets with their codes: one per place, while the booking is confirmed",
    params: bookingParams,
    success: reply(200, 'Tickets', ticketListSchema),
    problems: [403, 404],
  },
  {
    operationId: 'scanTicket',
    method: 'POST',
    path: '/v1/orgs/{orgId}/checkins',
    summary:
      'A scan at the door (door role and up): admitted, or why not. One conditional write per scan: of simultaneous scans of a ticket one is admitted; the same nonce answers the first answer',
    params: checkinParams,
    body: scanBody,
    success: reply(200, 'The answer for the door', scanAnswerSchema),
    problems: [403, 404, 503],
  },
]);
