import { routeFunction } from '../../kernel/http/route-function.js';
import { analyticsHandlers } from '../../modules/analytics/handlers/analytics.js';
import { analyticsRoutes } from '../../modules/analytics/routes.js';
import { announcementHandlers } from '../../modules/announcements/handlers/announcements.js';
import { announcementRoutes } from '../../modules/announcements/routes.js';
import { reservationHandlers } from '../../modules/bookings/handlers/reservations.js';
import { sessionCancellationHandlers } from '../../modules/bookings/handlers/session-cancellation.js';
import { reservationRoutes } from '../../modules/bookings/routes/reservations.js';
import { eventHandlers } from '../../modules/catalog/handlers/events.js';
import { sessionHandlers } from '../../modules/catalog/handlers/sessions.js';
import { venueHandlers } from '../../modules/catalog/handlers/venues.js';
import { eventRoutes } from '../../modules/catalog/routes/events.js';
import { sessionRoutes } from '../../modules/catalog/routes/sessions.js';
import { venueRoutes } from '../../modules/catalog/routes/venues.js';
import { conferenceHandlers } from '../../modules/conference/handlers/conference.js';
import { conferenceRoutes } from '../../modules/conference/routes.js';
import { deletionHandlers } from '../../modules/deletions/handlers/deletions.js';
import { deletionRoutes } from '../../modules/deletions/routes.js';
import { discoveryHandlers } from '../../modules/discovery/handlers/discovery.js';
import { discoveryRoutes } from '../../modules/discovery/routes.js';
import { expenseHandlers } from '../../modules/expenses/handlers/expenses.js';
import { expenseRoutes } from '../../modules/expenses/routes.js';
import { feedbackHandlers } from '../../modules/feedback/handlers/feedback.js';
import { feedbackRoutes } from '../../modules/feedback/routes.js';
import { forecastHandlers } from '../../modules/forecasts/handlers/forecasts.js';
import { forecastRoutes } from '../../modules/forecasts/routes.js';
import { invitationHandlers } from '../../modules/invitations/handlers/invitations.js';
import { eventInviteRoutes } from '../../modules/invitations/routes/invites.js';
import { joinRequestRoutes } from '../../modules/invitations/routes/requests.js';
import { materialHandlers } from '../../modules/materials/handlers/materials.js';
import { materialRoutes } from '../../modules/materials/routes.js';
import { connectionHandlers } from '../../modules/networking/handlers/connections.js';
import { connectionRoutes } from '../../modules/networking/routes.js';
import { attendeeHandlers } from '../../modules/people/handlers/attendees.js';
import { partyHandlers } from '../../modules/people/handlers/parties.js';
import { attendeeRoutes } from '../../modules/people/routes/attendees.js';
import { partyRoutes } from '../../modules/people/routes/parties.js';
import { categoryHandlers } from '../../modules/pricing/handlers/categories.js';
import { promoCodeHandlers } from '../../modules/pricing/handlers/promo-codes.js';
import { categoryRoutes } from '../../modules/pricing/routes/categories.js';
import { promoCodeRoutes } from '../../modules/pricing/routes/promo-codes.js';
import { teamHandlers } from '../../modules/teams/handlers/teams.js';
import { teamRoutes } from '../../modules/teams/routes.js';
import { getContainer } from '../container.js';

/** The routes this function serves: its entries of the manifest (app/routes.ts). */
export const routes = [
  ...venueRoutes,
  ...eventRoutes,
  ...categoryRoutes,
  ...sessionRoutes,
  ...attendeeRoutes,
  ...partyRoutes,
  ...promoCodeRoutes,
  ...deletionRoutes,
  ...forecastRoutes,
  ...eventInviteRoutes,
  ...joinRequestRoutes,
  ...reservationRoutes,
  ...conferenceRoutes,
  ...teamRoutes,
  ...connectionRoutes,
  ...feedbackRoutes,
  ...expenseRoutes,
  ...analyticsRoutes,
  ...materialRoutes,
  ...announcementRoutes,
  ...discoveryRoutes,
] as const;

/**
 * Lambda for the catalog context: venues, events, sessions and seating (cancelling a session
 * included), attendees, parties, deletions, an event's programme and team, networking between
 * attendees, feedback, materials and expenses. Bookings and the waiting line are the `bookings`
 * function's.
 */
export const handler = routeFunction(
  'catalog',
  routes,
  {
    ...venueHandlers,
    ...eventHandlers,
    ...categoryHandlers,
    ...sessionHandlers,
    ...sessionCancellationHandlers,
    ...attendeeHandlers,
    ...forecastHandlers,
    ...partyHandlers,
    ...promoCodeHandlers,
    ...deletionHandlers,
    ...invitationHandlers,
    ...reservationHandlers,
    ...conferenceHandlers,
    ...teamHandlers,
    ...connectionHandlers,
    ...feedbackHandlers,
    ...expenseHandlers,
    ...analyticsHandlers,
    ...materialHandlers,
    ...announcementHandlers,
    ...discoveryHandlers,
  },
  { idempotency: () => getContainer().idempotency },
);
