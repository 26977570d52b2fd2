import { getContainer } from '../../../app/container.js';
import { ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { scanTicket } from '../domain/checkin.js';
import { bookingTickets, myTickets } from '../domain/tickets.js';

const deps = () => getContainer().deps;

export const ticketHandlers = {
  listMyTickets: async ({ principal, query }) => ok(await myTickets(deps(), principal, query)),
  listBookingTickets: async ({ principal, params }) =>
    ok({ items: await bookingTickets(deps(), principal, params) }),
  scanTicket: async ({ principal, params, body }) =>
    ok(await scanTicket(deps(), principal, params.orgId, body)),
} satisfies Partial<RouteHandlers<'tickets'>>;
