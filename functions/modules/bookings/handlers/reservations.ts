import { getContainer } from '../../../app/container.js';
import { ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { approveRequest } from '../domain/reservations.js';

const deps = () => getContainer().deps;

export const reservationHandlers = {
  approveRequest: async ({ principal, params, body }) =>
    ok(await approveRequest(deps(), principal, params, body.message || undefined)),
} satisfies Partial<RouteHandlers<'catalog'>>;
