import { pageQuerySchema } from '../../../kernel/contracts/common.js';
import { reply, replyPage, routeGroup } from '../../../kernel/http/route-group.js';
import { deletionSchema } from '../../deletions/index.js';
import {
  cancelSessionBody,
  createdSessionsSchema,
  createSessionsBody,
  eventSessionsParams,
  sessionDetailSchema,
  sessionParams,
  sessionSchema,
  updateSessionBody,
} from '../contracts/sessions.js';

/** Sessions of events, with their seat maps, tables and capacity counters; served by `catalog`. */
export const sessionRoutes = routeGroup({ function: 'catalog', auth: 'jwt', tag: 'Sessions' }, [
  {
    operationId: 'createSessions',
    method: 'POST',
    path: '/v1/orgs/{orgId}/events/{eventId}/sessions',
    summary: 'Schedule a session, or a daily or weekly series of them, in a room of the event’s venue',
    params: eventSessionsParams,
    body: createSessionsBody,
    success: reply(201, 'Created (every session of a series, or none)', createdSessionsSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'listSessions',
    method: 'GET',
    path: '/v1/orgs/{orgId}/events/{eventId}/sessions',
    summary: 'List the sessions of an event by start time',
    params: eventSessionsParams,
    query: pageQuerySchema,
    success: replyPage('A page of sessions', sessionSchema, 'SessionPage'),
    problems: [403, 404],
  },
  {
    operationId: 'getSession',
    method: 'GET',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}',
    summary: 'Read a session with its seat map or tables and its live availability',
    params: sessionParams,
    success: reply(200, 'The session', sessionDetailSchema),
    problems: [403, 404],
  },
  {
    operationId: 'updateSession',
    method: 'PATCH',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}',
    summary: 'Move a session or change its capacity and seating (capacity and seat map change together)',
    params: sessionParams,
    body: updateSessionBody,
    success: reply(200, 'The updated session', sessionDetailSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'cancelSession',
    method: 'POST',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}/cancel',
    summary:
      'Cancel a session: it takes no more bookings, and its live bookings are cancelled in the background, each attendee told. A cancelled session is answered as it is',
    params: sessionParams,
    body: cancelSessionBody,
    success: reply(200, 'The cancelled session', sessionDetailSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'deleteSession',
    method: 'DELETE',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}',
    summary:
      'Delete a session with its seating and counter (asynchronously); refused while it has live bookings',
    params: sessionParams,
    success: reply(202, 'Deletion started', deletionSchema),
    problems: [403, 404, 409],
  },
]);
