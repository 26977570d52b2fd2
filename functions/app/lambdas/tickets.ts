import { routeFunction } from '../../kernel/http/route-function.js';
import { ticketHandlers } from '../../modules/tickets/handlers/tickets.js';
import { getContainer } from '../container.js';

/** Lambda for tickets and the door: the only function that holds the ticket key. */
export const handler = routeFunction(
  'tickets',
  { ...ticketHandlers },
  { idempotency: () => getContainer().idempotency },
);
