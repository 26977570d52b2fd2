import type { RouteDefinition } from '../kernel/http/route-definition.js';
import { agentRoutes } from '../modules/agents/routes.js';
import { analyticsRoutes } from '../modules/analytics/routes.js';
import { announcementRoutes } from '../modules/announcements/routes.js';
import { auditRoutes } from '../modules/audit/routes.js';
import { automationRoutes, automationSecretRoutes } from '../modules/automations/routes.js';
import { bookingRoutes } from '../modules/bookings/routes/bookings.js';
import { reservationRoutes } from '../modules/bookings/routes/reservations.js';
import { waitlistRoutes } from '../modules/bookings/routes/waitlist.js';
import { budgetRoutes } from '../modules/budgets/routes.js';
import { eventRoutes } from '../modules/catalog/routes/events.js';
import { sessionRoutes } from '../modules/catalog/routes/sessions.js';
import { venueRoutes } from '../modules/catalog/routes/venues.js';
import { conferenceRoutes } from '../modules/conference/routes.js';
import { deletionRoutes } from '../modules/deletions/routes.js';
import { discoveryRoutes } from '../modules/discovery/routes.js';
import { expenseRoutes } from '../modules/expenses/routes.js';
import { feedbackRoutes } from '../modules/feedback/routes.js';
import { forecastRoutes } from '../modules/forecasts/routes.js';
import { identityRoutes } from '../modules/identity/routes.js';
import { eventInviteRoutes } from '../modules/invitations/routes/invites.js';
import { joinRequestRoutes } from '../modules/invitations/routes/requests.js';
import { marketingRoutes } from '../modules/marketing/routes.js';
import { materialRoutes } from '../modules/materials/routes.js';
import { connectionRoutes } from '../modules/networking/routes.js';
import { notificationRoutes } from '../modules/notifications/routes.js';
import { organizationRoutes } from '../modules/organizations/routes.js';
import { paymentRoutes } from '../modules/payments/routes.js';
import { attendeeRoutes } from '../modules/people/routes/attendees.js';
import { partyRoutes } from '../modules/people/routes/parties.js';
import { categoryRoutes } from '../modules/pricing/routes/categories.js';
import { promoCodeRoutes } from '../modules/pricing/routes/promo-codes.js';
import { profileRoutes } from '../modules/profiles/routes.js';
import { sponsorshipRoutes } from '../modules/sponsorships/routes.js';
import { taskRoutes, taskTemplateRoutes } from '../modules/tasks/routes.js';
import { teamRoutes } from '../modules/teams/routes.js';
import { admissionRoutes } from '../modules/tickets/routes/admissions.js';
import { checkinListRoutes } from '../modules/tickets/routes/lists.js';
import { offlineRoutes } from '../modules/tickets/routes/offline.js';
import { otpRoutes } from '../modules/tickets/routes/otp.js';
import { ticketRoutes } from '../modules/tickets/routes/tickets.js';
import { vendorRoutes } from '../modules/vendors/routes.js';
import { webhookRoutes } from '../modules/webhooks/routes.js';
import type { HttpFunctionName } from './function-definitions.js';
import { systemRoutes } from './system-routes.js';

export type { HttpMethod, RouteDefinition } from '../kernel/http/route-definition.js';
export { routeKey } from '../kernel/http/route-definition.js';

/**
 * The route manifest: every HTTP route, one file per bounded context under routes/. CDK turns each
 * entry into an API Gateway route, the local server matches against the list, the OpenAPI document
 * is generated from it and the sweep tests iterate over it. A Lambda entry never imports it: it
 * hands `routeFunction` the tables of its own routes, so no function builds the schemas of routes
 * it does not serve (the compiler and test/unit/function-routes.test.ts hold the two in step).
 */
export const routes = [
  ...systemRoutes,
  // Phone sign-in: how a user gets a token.
  ...identityRoutes,
  ...organizationRoutes,
  ...venueRoutes,
  ...eventRoutes,
  ...categoryRoutes,
  ...sessionRoutes,
  ...attendeeRoutes,
  ...partyRoutes,
  ...promoCodeRoutes,
  // Before the bookings: the sweeps pay the target's held booking before staff confirm or cancel it.
  ...paymentRoutes,
  ...bookingRoutes,
  ...waitlistRoutes,
  ...deletionRoutes,
  ...notificationRoutes,
  ...profileRoutes,
  ...ticketRoutes,
  ...admissionRoutes,
  ...otpRoutes,
  ...checkinListRoutes,
  ...offlineRoutes,
  ...forecastRoutes,
  ...auditRoutes,
  ...eventInviteRoutes,
  ...joinRequestRoutes,
  ...reservationRoutes,
  ...connectionRoutes,
  ...webhookRoutes,
  ...conferenceRoutes,
  ...teamRoutes,
  ...feedbackRoutes,
  ...expenseRoutes,
  ...sponsorshipRoutes,
  ...analyticsRoutes,
  ...materialRoutes,
  ...announcementRoutes,
  ...automationRoutes,
  ...automationSecretRoutes,
  ...vendorRoutes,
  ...budgetRoutes,
  ...agentRoutes,
  ...marketingRoutes,
  ...taskRoutes,
  ...taskTemplateRoutes,
  ...discoveryRoutes,
] as const satisfies readonly RouteDefinition[];

export type OperationId = (typeof routes)[number]['operationId'];
export type Route = (typeof routes)[number];

export const routesOf = (fn: HttpFunctionName): RouteDefinition[] =>
  (routes as readonly RouteDefinition[]).filter((r) => r.function === fn);
