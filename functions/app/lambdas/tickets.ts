import { routeFunction } from '../../kernel/http/route-function.js';
import { admissionHandlers } from '../../modules/tickets/handlers/admissions.js';
import { checkinListHandlers } from '../../modules/tickets/handlers/lists.js';
import { offlineHandlers } from '../../modules/tickets/handlers/offline.js';
import { otpHandlers } from '../../modules/tickets/handlers/otp.js';
import { ticketHandlers } from '../../modules/tickets/handlers/tickets.js';
import { getContainer } from '../container.js';

/** Lambda for tickets and the door: the only function that holds the ticket key. */
export const handler = routeFunction(
  'tickets',
  { ...ticketHandlers, ...admissionHandlers, ...otpHandlers, ...checkinListHandlers, ...offlineHandlers },
  { idempotency: () => getContainer().idempotency },
);
