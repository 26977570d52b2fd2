import { getContainer } from '../../../app/container.js';
import { noContent, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { listMembers, listMyMemberships, removeMember, updateMember } from '../domain/members.js';

const deps = () => getContainer().deps;

export const memberHandlers = {
  listMembers: async ({ principal, params, query }) =>
    ok(await listMembers(deps(), principal, params.orgId, query)),
  updateMember: async ({ principal, params, body }) =>
    ok(await updateMember(deps(), principal, params.orgId, params.userId, body)),
  removeMember: async ({ principal, params }) => {
    await removeMember(deps(), principal, params.orgId, params.userId);
    return noContent();
  },
  listMyMemberships: async ({ principal, query }) => {
    const page = await listMyMemberships(deps(), principal, query);
    const items = page.items.map(({ orgId, role, status, joinedAt }) => ({ orgId, role, status, joinedAt }));
    return ok({ items, nextCursor: page.nextCursor });
  },
} satisfies Partial<RouteHandlers<'orgs'>>;
