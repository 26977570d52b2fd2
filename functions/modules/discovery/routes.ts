import { reply, replyPage, routeGroup } from '../../kernel/http/route-group.js';
import {
  discoveredEventSchema,
  discoverQuery,
  forYouQuery,
  forYouSchema,
  hostOrganizationSchema,
} from './contracts/discovery.js';
import { interestListSchema, myInterestsBody, myInterestsSchema } from './contracts/interests.js';

/**
 * Interests, discovery of events near a point and hosting in a personal organization
 * (docs/discovery.md); served by `catalog`. Every route is the signed-in caller's own: none is
 * scoped to an organization.
 */
export const discoveryRoutes = routeGroup({ function: 'catalog', auth: 'jwt', tag: 'Discovery' }, [
  {
    operationId: 'listInterests',
    method: 'GET',
    path: '/v1/interests',
    summary: "The deployment's catalog of interests (its tenant configuration)",
    success: reply(200, 'The interests', interestListSchema),
    problems: [],
  },
  {
    operationId: 'getMyInterests',
    method: 'GET',
    path: '/v1/me/interests',
    summary: 'The interests you picked',
    success: reply(200, 'Your interests', myInterestsSchema),
    problems: [],
  },
  {
    operationId: 'setMyInterests',
    method: 'PUT',
    path: '/v1/me/interests',
    summary: 'Pick your interests (at most 20, from GET /v1/interests); replaces the ones you had',
    body: myInterestsBody,
    success: reply(200, 'Your interests', myInterestsSchema),
    problems: [],
  },
  {
    operationId: 'discoverEvents',
    method: 'GET',
    path: '/v1/discover/events',
    summary:
      'Published public events within radiusKm of a point, filtered by start, interest, price and free places, ranked by distance and your interests',
    query: discoverQuery,
    success: replyPage('A page of events', discoveredEventSchema, 'DiscoveredEventPage'),
    problems: [],
  },
  {
    operationId: 'eventsForYou',
    method: 'GET',
    path: '/v1/discover/for-you',
    summary:
      "Events near a point that share an interest with your picks or your bookings' events, leaving out what you booked",
    query: forYouQuery,
    success: reply(200, 'Recommended events', forYouSchema),
    problems: [],
  },
  {
    operationId: 'hostAsMe',
    method: 'POST',
    path: '/v1/me/host',
    summary:
      'Your personal organization for hosting events, created on first ask with you as its owner (201; 200 when it exists)',
    success: reply(201, 'Your personal organization', hostOrganizationSchema),
    problems: [409],
  },
]);
