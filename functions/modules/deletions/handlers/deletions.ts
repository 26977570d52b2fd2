import { getContainer } from '../../../app/container.js';
import { ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { getDeletion } from '../domain/deletions.js';

export const deletionHandlers = {
  getDeletion: async ({ principal, params }) =>
    ok(await getDeletion(getContainer().deps, principal, params.orgId, params.targetId)),
} satisfies Partial<RouteHandlers<'catalog'>>;
