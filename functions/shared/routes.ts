import type { HttpFunctionName } from './function-definitions.js';
import { attendeeRoutes } from './routes/attendees.js';
import { bookingRoutes } from './routes/bookings.js';
import type { RouteDefinition } from './routes/definition.js';
import { deletionRoutes } from './routes/deletions.js';
import { eventRoutes } from './routes/events.js';
import { notificationRoutes } from './routes/notifications.js';
import { organizationRoutes } from './routes/organizations.js';
import { partyRoutes } from './routes/parties.js';
import { sessionRoutes } from './routes/sessions.js';
import { systemRoutes } from './routes/system.js';
import { venueRoutes } from './routes/venues.js';
import { waitlistRoutes } from './routes/waitlist.js';

export type { HttpMethod, RouteDefinition } from './routes/definition.js';

/**
 * The route manifest: every HTTP route, one file per bounded context under routes/. CDK turns each
 * entry into an API Gateway route, the local server matches against the list, the OpenAPI document
 * is generated from it and the sweep tests iterate over it.
 */
export const routes = [
  ...systemRoutes,
  ...organizationRoutes,
  ...venueRoutes,
  ...eventRoutes,
  ...sessionRoutes,
  ...attendeeRoutes,
  ...partyRoutes,
  ...bookingRoutes,
  ...waitlistRoutes,
  ...deletionRoutes,
  ...notificationRoutes,
] as const satisfies readonly RouteDefinition[];

export type OperationId = (typeof routes)[number]['operationId'];
export type Route = (typeof routes)[number];

export const routeKey = (r: Pick<RouteDefinition, 'method' | 'path'>): string => `${r.method} ${r.path}`;

export const routesOf = (fn: HttpFunctionName): RouteDefinition[] =>
  (routes as readonly RouteDefinition[]).filter((r) => r.function === fn);
