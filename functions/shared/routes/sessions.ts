import { pageOf, pageQuerySchema } from '../../contracts/common.js';
import { deletionSchema } from '../../contracts/deletions.js';
import {
  createdSessionsSchema,
  createSessionsBody,
  eventSessionsParams,
  sessionDetailSchema,
  sessionParams,
  sessionSchema,
  updateSessionBody,
} from '../../contracts/sessions.js';
import type { RouteDefinition } from './definition.js';

/** Sessions of events, with their seat maps, tables and capacity counters; served by `catalog`. */
export const sessionRoutes = [
  {
    operationId: 'createSessions',
    method: 'POST',
    path: '/v1/orgs/{orgId}/events/{eventId}/sessions',
    function: 'catalog',
    auth: 'jwt',
    summary: 'Schedule a session, or a daily or weekly series of them, in a room of the event’s venue',
    tag: 'Sessions',
    params: eventSessionsParams,
    body: createSessionsBody,
    success: {
      status: 201,
      description: 'Created (every session of a series, or none)',
      schema: createdSessionsSchema,
    },
    problems: [403, 404, 409],
  },
  {
    operationId: 'listSessions',
    method: 'GET',
    path: '/v1/orgs/{orgId}/events/{eventId}/sessions',
    function: 'catalog',
    auth: 'jwt',
    summary: 'List the sessions of an event by start time',
    tag: 'Sessions',
    params: eventSessionsParams,
    query: pageQuerySchema,
    success: { status: 200, description: 'A page of sessions', schema: pageOf(sessionSchema, 'SessionPage') },
    problems: [403, 404],
  },
  {
    operationId: 'getSession',
    method: 'GET',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}',
    function: 'catalog',
    auth: 'jwt',
    summary: 'Read a session with its seat map or tables and its live availability',
    tag: 'Sessions',
    params: sessionParams,
    success: { status: 200, description: 'The session', schema: sessionDetailSchema },
    problems: [403, 404],
  },
  {
    operationId: 'updateSession',
    method: 'PATCH',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}',
    function: 'catalog',
    auth: 'jwt',
    summary: 'Move a session or change its capacity and seating (capacity and seat map change together)',
    tag: 'Sessions',
    params: sessionParams,
    body: updateSessionBody,
    success: { status: 200, description: 'The updated session', schema: sessionDetailSchema },
    problems: [403, 404, 409],
  },
  {
    operationId: 'deleteSession',
    method: 'DELETE',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}',
    function: 'catalog',
    auth: 'jwt',
    summary:
      'Delete a session with its seating and counter (asynchronously); refused while it has live bookings',
    tag: 'Sessions',
    params: sessionParams,
    success: { status: 202, description: 'Deletion started', schema: deletionSchema },
    problems: [403, 404, 409],
  },
] as const satisfies readonly RouteDefinition[];
