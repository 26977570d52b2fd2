import { getDeletion } from '../../../core/use-cases/deletions.js';
import { getContainer } from '../../../shared/container.js';
import { ok, type RouteHandlers } from '../../../shared/http/route-types.js';

export const deletionHandlers = {
  getDeletion: async ({ principal, params }) =>
    ok(await getDeletion(getContainer().deps, principal, params.orgId, params.targetId)),
} satisfies Partial<RouteHandlers<'catalog'>>;
