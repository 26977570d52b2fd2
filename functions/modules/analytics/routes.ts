import { reply, routeGroup } from '../../kernel/http/route-group.js';
import { analyticsCsvSchema, analyticsParams, eventAnalyticsSchema } from './contracts/analytics.js';

/** An event's analytics (organizers, and the event's team with `view_analytics`), served by `catalog`. */
export const analyticsRoutes = routeGroup({ function: 'catalog', auth: 'jwt', tag: 'Analytics' }, [
  {
    operationId: 'refreshEventAnalytics',
    method: 'POST',
    path: '/v1/orgs/{orgId}/events/{eventId}/analytics/refresh',
    summary:
      "Recompute the event's analytics now from its bookings, waitlist, admissions, payments and feedback, store them and answer them",
    params: analyticsParams,
    success: reply(200, 'The analytics as stored', eventAnalyticsSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'getEventAnalytics',
    method: 'GET',
    path: '/v1/orgs/{orgId}/events/{eventId}/analytics',
    summary:
      "The event's stored analytics (per session and in total, as of `computedAt`: the last refresh or night); 404 until computed",
    params: analyticsParams,
    success: reply(200, 'The analytics', eventAnalyticsSchema),
    problems: [403, 404],
  },
  {
    operationId: 'exportEventAnalytics',
    method: 'GET',
    path: '/v1/orgs/{orgId}/events/{eventId}/analytics.csv',
    summary: "The event's stored analytics as CSV: one row per session and a total row; 404 until computed",
    params: analyticsParams,
    success: {
      status: 200,
      description: 'The CSV file',
      schema: analyticsCsvSchema,
      contentType: 'text/csv',
    },
    problems: [403, 404],
  },
]);
