import { routeFunction } from '../../kernel/http/route-function.js';
import { bookingHandlers } from '../../modules/bookings/handlers/bookings.js';
import { waitlistHandlers } from '../../modules/bookings/handlers/waitlist.js';
import { bookingRoutes } from '../../modules/bookings/routes/bookings.js';
import { waitlistRoutes } from '../../modules/bookings/routes/waitlist.js';
import { getContainer } from '../container.js';

/** The routes this function serves: its entries of the manifest (app/routes.ts). */
export const routes = [...bookingRoutes, ...waitlistRoutes] as const;

/**
 * Lambda for bookings and the waiting line: an on-sale's hot routes (book, join the line, accept
 * an offer) and the rest of the bookings module's routes.
 */
export const handler = routeFunction(
  'bookings',
  routes,
  { ...bookingHandlers, ...waitlistHandlers },
  { idempotency: () => getContainer().idempotency },
);
