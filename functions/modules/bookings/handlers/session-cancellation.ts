import { getContainer } from '../../../app/container.js';
import { ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { cancelSession } from '../domain/session-cancellation.js';

const deps = () => getContainer().deps;

/** Cancelling a session (a catalog route) cancels its bookings and closes its line: bookings' work. */
export const sessionCancellationHandlers = {
  cancelSession: async ({ principal, params, body }) =>
    ok(await cancelSession(deps(), principal, params.orgId, params.sessionId, body.reason)),
} satisfies Partial<RouteHandlers<'catalog'>>;
