import { reply, replyPage, routeGroup } from '../../kernel/http/route-group.js';
import {
  connectionEventParams,
  connectionListQuery,
  connectionParams,
  connectionSchema,
  requestConnectionBody,
} from './contracts/connections.js';

/**
 * Networking between attendees of an event, served by `catalog`. Every route but the staff list
 * acts as the caller's own attendee of the organization (the one linked to their user), member or not.
 */
export const connectionRoutes = routeGroup({ function: 'catalog', auth: 'jwt', tag: 'Networking' }, [
  {
    operationId: 'requestConnection',
    method: 'POST',
    path: '/v1/orgs/{orgId}/events/{eventId}/connections',
    summary:
      'Ask another attendee of the event for a connection, optionally proposing a meeting (both hold a live booking of the event; one connection per pair: 409 CONNECTION_EXISTS, CONNECTION_BLOCKED; 403 NOT_AT_EVENT)',
    params: connectionEventParams,
    body: requestConnectionBody,
    success: reply(201, 'The pending connection', connectionSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'listMyConnections',
    method: 'GET',
    path: '/v1/orgs/{orgId}/events/{eventId}/connections',
    summary: "The caller's connections of the event, asked or asked by, optionally of one status",
    params: connectionEventParams,
    query: connectionListQuery,
    success: replyPage('A page of connections', connectionSchema, 'ConnectionPage'),
    problems: [404],
  },
  {
    operationId: 'listEventConnections',
    method: 'GET',
    path: '/v1/orgs/{orgId}/events/{eventId}/connections/all',
    summary: 'Every connection of the event, optionally of one status (staff who may read attendees)',
    params: connectionEventParams,
    query: connectionListQuery,
    success: replyPage('A page of connections', connectionSchema, 'ConnectionPage'),
    problems: [403, 404],
  },
  {
    operationId: 'acceptConnection',
    method: 'POST',
    path: '/v1/orgs/{orgId}/events/{eventId}/connections/{connectionId}/accept',
    summary: 'Accept a pending connection (its target; 403 NOT_CONNECTION_TARGET otherwise)',
    params: connectionParams,
    success: reply(200, 'The accepted connection', connectionSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'declineConnection',
    method: 'POST',
    path: '/v1/orgs/{orgId}/events/{eventId}/connections/{connectionId}/decline',
    summary: 'Decline a pending connection (its target; 403 NOT_CONNECTION_TARGET otherwise)',
    params: connectionParams,
    success: reply(200, 'The declined connection', connectionSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'blockConnection',
    method: 'POST',
    path: '/v1/orgs/{orgId}/events/{eventId}/connections/{connectionId}/block',
    summary: 'Block the other side of a connection (either side, whatever its status): nobody can ask again',
    params: connectionParams,
    success: reply(200, 'The blocked connection', connectionSchema),
    problems: [404, 409],
  },
]);
