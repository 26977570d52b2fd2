import { getContainer } from '../../../app/container.js';
import { accepted, created, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { createSessions, updateSession } from '../domain/sessions.js';
import { deleteSession } from '../domain/sessions-delete.js';
import { getSession, listSessions } from '../domain/sessions-reads.js';

const deps = () => getContainer().deps;

export const sessionHandlers = {
  createSessions: async ({ principal, params, body }) =>
    created(await createSessions(deps(), principal, params.orgId, params.eventId, body)),
  listSessions: async ({ principal, params, query }) =>
    ok(await listSessions(deps(), principal, params.orgId, params.eventId, query)),
  getSession: async ({ principal, params }) =>
    ok(await getSession(deps(), principal, params.orgId, params.sessionId)),
  updateSession: async ({ principal, params, body }) =>
    ok(await updateSession(deps(), principal, params.orgId, params.sessionId, body)),
  deleteSession: async ({ principal, params }) =>
    accepted(await deleteSession(deps(), principal, params.orgId, params.sessionId)),
} satisfies Partial<RouteHandlers<'catalog'>>;
