import { sessionParams } from '../../../kernel/contracts/common.js';
import { reply, replyPage, routeGroup } from '../../../kernel/http/route-group.js';
import {
  createRequestBody,
  decideRequestBody,
  joinRequestSchema,
  requestCountsSchema,
  requestListQuery,
  requestParams,
} from '../contracts/requests.js';

/** Join requests of approval events (approval itself: the bookings module's), served by `catalog`. */
export const joinRequestRoutes = routeGroup({ function: 'catalog', auth: 'jwt', tag: 'Join requests' }, [
  {
    operationId: 'requestToJoin',
    method: 'POST',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}/requests',
    summary:
      'Ask for places of a session of an event that admits by approval (one open request per attendee and session; 422 GUEST_RULE names a guest rule that refuses it)',
    params: sessionParams,
    body: createRequestBody,
    success: reply(201, 'The pending request', joinRequestSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'listRequests',
    method: 'GET',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}/requests',
    summary: "A session's join requests, optionally of one status (staff)",
    params: sessionParams,
    query: requestListQuery,
    success: replyPage('A page of join requests', joinRequestSchema, 'JoinRequestPage'),
    problems: [403, 404],
  },
  {
    operationId: 'countRequests',
    method: 'GET',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}/requests/counts',
    summary: "How many of a session's join requests are in each status (staff)",
    params: sessionParams,
    success: reply(200, 'Counts by status', requestCountsSchema),
    problems: [403, 404],
  },
  {
    operationId: 'getRequest',
    method: 'GET',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}/requests/{requestId}',
    summary: 'Read a join request (staff, or its attendee)',
    params: requestParams,
    success: reply(200, 'The request', joinRequestSchema),
    problems: [404],
  },
  {
    operationId: 'declineRequest',
    method: 'POST',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}/requests/{requestId}/decline',
    summary: 'Decline a pending join request, with an optional message to the attendee (staff)',
    params: requestParams,
    body: decideRequestBody,
    success: reply(200, 'The declined request', joinRequestSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'cancelRequest',
    method: 'POST',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}/requests/{requestId}/cancel',
    summary: 'Withdraw a pending join request (its attendee, or staff)',
    params: requestParams,
    success: reply(200, 'The cancelled request', joinRequestSchema),
    problems: [404, 409],
  },
]);
