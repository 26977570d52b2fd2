import { routeFunction } from '../../kernel/http/route-function.js';
import { admissionHandlers } from '../../modules/tickets/handlers/admissions.js';
import { checkinListHandlers } from '../../modules/tickets/handlers/lists.js';
import { offlineHandlers } from '../../modules/tickets/handlers/offline.js';
import { otpHandlers } from '../../modules/tickets/handlers/otp.js';
import { ticketHandlers } from '../../modules/tickets/handlers/tickets.js';
import { admissionRoutes } from '../../modules/tickets/routes/admissions.js';
import { checkinListRoutes } from '../../modules/tickets/routes/lists.js';
import { offlineRoutes } from '../../modules/tickets/routes/offline.js';
import { otpRoutes } from '../../modules/tickets/routes/otp.js';
import { ticketRoutes } from '../../modules/tickets/routes/tickets.js';
import { getContainer } from '../container.js';

/** The routes this function serves: its entries of the manifest (app/routes.ts). */
export const routes = [
  ...ticketRoutes,
  ...admissionRoutes,
  ...otpRoutes,
  ...checkinListRoutes,
  ...offlineRoutes,
] as const;

/** Lambda for tickets and the door: the only function that holds the ticket key. */
export const handler = routeFunction(
  'tickets',
  routes,
  { ...ticketHandlers, ...admissionHandlers, ...otpHandlers, ...checkinListHandlers, ...offlineHandlers },
  { idempotency: () => getContainer().idempotency },
);
