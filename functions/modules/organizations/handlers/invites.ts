import { getContainer } from '../../../app/container.js';
import { created, noContent, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { acceptInvite, createInvite, listInvites, revokeInvite } from '../domain/invites.js';

const deps = () => getContainer().deps;

export const inviteHandlers = {
  createInvite: async ({ principal, params, body }) =>
    created(await createInvite(deps(), principal, params.orgId, body)),
  listInvites: async ({ principal, params, query: { status, ...page } }) =>
    ok(await listInvites(deps(), principal, params.orgId, status, page)),
  revokeInvite: async ({ principal, params }) => {
    await revokeInvite(deps(), principal, params.orgId, params.inviteId);
    return noContent();
  },
  acceptInvite: async ({ principal, body }) =>
    created({ member: await acceptInvite(deps(), principal, body.token) }),
} satisfies Partial<RouteHandlers<'orgs'>>;
