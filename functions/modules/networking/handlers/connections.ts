import { getContainer } from '../../../app/container.js';
import { created, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import {
  answerConnection,
  blockConnection,
  listEventConnections,
  listMyConnections,
  requestConnection,
} from '../domain/connections.js';

const deps = () => getContainer().deps;

export const connectionHandlers = {
  requestConnection: async ({ principal, params, body }) =>
    created(await requestConnection(deps(), principal, params.orgId, params.eventId, body)),
  listMyConnections: async ({ principal, params, query: { status, ...page } }) =>
    ok(await listMyConnections(deps(), principal, params.orgId, params.eventId, status, page)),
  listEventConnections: async ({ principal, params, query: { status, ...page } }) =>
    ok(await listEventConnections(deps(), principal, params.orgId, params.eventId, status, page)),
  acceptConnection: async ({ principal, params }) =>
    ok(await answerConnection(deps(), principal, params, 'accepted')),
  declineConnection: async ({ principal, params }) =>
    ok(await answerConnection(deps(), principal, params, 'declined')),
  blockConnection: async ({ principal, params }) => ok(await blockConnection(deps(), principal, params)),
} satisfies Partial<RouteHandlers<'catalog'>>;
