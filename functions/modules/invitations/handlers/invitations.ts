import { getContainer } from '../../../app/container.js';
import { created, noContent, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import {
  acceptEventInvite,
  createEventInvite,
  getMyEventPass,
  listEventInvites,
  redeemEventInvite,
  revokeEventInvite,
} from '../domain/invites.js';
import { countRequests, endRequest, getRequest, listRequests, requestToJoin } from '../domain/requests.js';

const deps = () => getContainer().deps;

export const invitationHandlers = {
  createEventInvite: async ({ principal, params, body }) =>
    created(await createEventInvite(deps(), principal, params.orgId, params.eventId, body)),
  listEventInvites: async ({ principal, params, query }) =>
    ok(await listEventInvites(deps(), principal, params.orgId, params.eventId, query)),
  revokeEventInvite: async ({ principal, params }) => {
    await revokeEventInvite(deps(), principal, params.orgId, params.eventId, params.inviteId);
    return noContent();
  },
  redeemEventInvite: async ({ principal, params, body }) =>
    ok(await redeemEventInvite(deps(), principal, params.orgId, params.eventId, body.token)),
  acceptEventInvite: async ({ principal, params }) =>
    ok(await acceptEventInvite(deps(), principal, params.orgId, params.eventId, params.inviteId)),
  getMyEventPass: async ({ principal, params }) =>
    ok(await getMyEventPass(deps(), principal, params.orgId, params.eventId)),
  requestToJoin: async ({ principal, params, body }) =>
    created(await requestToJoin(deps(), principal, params.orgId, params.sessionId, body)),
  listRequests: async ({ principal, params, query: { status, ...page } }) =>
    ok(await listRequests(deps(), principal, params.orgId, params.sessionId, status, page)),
  countRequests: async ({ principal, params }) =>
    ok(await countRequests(deps(), principal, params.orgId, params.sessionId)),
  getRequest: async ({ principal, params }) => ok(await getRequest(deps(), principal, params)),
  declineRequest: async ({ principal, params, body }) =>
    ok(await endRequest(deps(), principal, params, 'declined', body.message || undefined)),
  cancelRequest: async ({ principal, params }) =>
    ok(await endRequest(deps(), principal, params, 'cancelled')),
} satisfies Partial<RouteHandlers<'catalog'>>;
