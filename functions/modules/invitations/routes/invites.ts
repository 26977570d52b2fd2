import { pageQuerySchema } from '../../../kernel/contracts/common.js';
import { reply, replyPage, routeGroup } from '../../../kernel/http/route-group.js';
import {
  createdEventInviteSchema,
  createEventInviteBody,
  eventInviteParams,
  eventInviteSchema,
  eventInvitesParams,
  eventPassSchema,
  redeemEventInviteBody,
} from '../contracts/invites.js';

/** Event invites and the passes they give, served by `catalog`. */
export const eventInviteRoutes = routeGroup({ function: 'catalog', auth: 'jwt', tag: 'Invitations' }, [
  {
    operationId: 'createEventInvite',
    method: 'POST',
    path: '/v1/orgs/{orgId}/events/{eventId}/invites',
    summary:
      'Invite one person to an event (by attendee, email or phone) or make a shareable link (expiry, use limit); the link token is shown once',
    params: eventInvitesParams,
    body: createEventInviteBody,
    success: reply(201, 'The invite (with its link token)', createdEventInviteSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'listEventInvites',
    method: 'GET',
    path: '/v1/orgs/{orgId}/events/{eventId}/invites',
    summary: "An event's invites, oldest first",
    params: eventInvitesParams,
    query: pageQuerySchema,
    success: replyPage('A page of event invites', eventInviteSchema, 'EventInvitePage'),
    problems: [403, 404, 409],
  },
  {
    operationId: 'revokeEventInvite',
    method: 'DELETE',
    path: '/v1/orgs/{orgId}/events/{eventId}/invites/{inviteId}',
    summary: 'Revoke an invite: it gives no more passes (those given stay)',
    params: eventInviteParams,
    success: reply(204, 'Revoked'),
    problems: [403, 404],
  },
  {
    operationId: 'redeemEventInvite',
    method: 'POST',
    path: '/v1/orgs/{orgId}/events/{eventId}/invites/redeem',
    summary:
      "Redeem an invite link for the caller's attendee: a pass for the event (410 INVITE_USED_UP, INVITE_EXPIRED or INVITE_REVOKED when it admits nobody more); redeeming again answers the same pass",
    params: eventInvitesParams,
    body: redeemEventInviteBody,
    success: reply(200, "The caller's pass", eventPassSchema),
    problems: [404, 409, 410],
  },
  {
    operationId: 'acceptEventInvite',
    method: 'POST',
    path: '/v1/orgs/{orgId}/events/{eventId}/invites/{inviteId}/accept',
    summary:
      "Accept a direct invite addressed to the caller's attendee, verified email or phone: a pass for the event",
    params: eventInviteParams,
    success: reply(200, "The caller's pass", eventPassSchema),
    problems: [404, 409, 410],
  },
  {
    operationId: 'getMyEventPass',
    method: 'GET',
    path: '/v1/orgs/{orgId}/events/{eventId}/pass',
    summary: "The caller's pass for an event",
    params: eventInvitesParams,
    success: reply(200, "The caller's pass", eventPassSchema),
    problems: [404],
  },
]);
