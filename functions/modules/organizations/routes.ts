import { orgParams, pageQuerySchema } from '../../kernel/contracts/common.js';
import { reply, replyPage, routeGroup } from '../../kernel/http/route-group.js';
import {
  acceptedInviteSchema,
  acceptInviteBody,
  createdInviteSchema,
  createInviteBody,
  inviteListQuery,
  inviteParams,
  inviteSchema,
} from './contracts/invites.js';
import { memberParams, memberSchema, membershipSchema, updateMemberBody } from './contracts/members.js';
import {
  createOrgBody,
  deletionAcceptedSchema,
  organizationSchema,
  updateOrgBody,
} from './contracts/organizations.js';

const page = pageQuerySchema;

/** Every route here is served by the `orgs` function to a signed-in caller. */
const orgs = { function: 'orgs', auth: 'jwt' } as const;

/** Organizations, members, invites and memberships, served by the `orgs` function. */
export const organizationRoutes = [
  ...routeGroup({ ...orgs, tag: 'Organizations' }, [
    {
      operationId: 'createOrganization',
      method: 'POST',
      path: '/v1/orgs',
      summary: 'Create an organization; the caller becomes its owner',
      body: createOrgBody,
      success: reply(201, 'Created', organizationSchema),
      problems: [403, 409],
    },
    {
      operationId: 'getOrganization',
      method: 'GET',
      path: '/v1/orgs/{orgId}',
      summary: 'Read an organization',
      params: orgParams,
      success: reply(200, 'The organization', organizationSchema),
      problems: [403, 404],
    },
    {
      operationId: 'updateOrganization',
      method: 'PATCH',
      path: '/v1/orgs/{orgId}',
      summary: 'Change name, domain or settings',
      params: orgParams,
      body: updateOrgBody,
      success: reply(200, 'The updated organization', organizationSchema),
      problems: [403, 404, 409],
    },
    {
      operationId: 'deleteOrganization',
      method: 'DELETE',
      path: '/v1/orgs/{orgId}',
      summary: 'Delete an organization and everything in it (asynchronously)',
      params: orgParams,
      success: reply(202, 'Deletion started', deletionAcceptedSchema),
      problems: [403, 404, 409],
    },
  ]),
  ...routeGroup({ ...orgs, tag: 'Members' }, [
    {
      operationId: 'listMembers',
      method: 'GET',
      path: '/v1/orgs/{orgId}/members',
      summary: 'List the members of an organization',
      params: orgParams,
      query: page,
      success: replyPage('A page of members', memberSchema, 'MemberPage'),
      problems: [403, 404],
    },
    {
      operationId: 'updateMember',
      method: 'PATCH',
      path: '/v1/orgs/{orgId}/members/{userId}',
      summary: 'Change a member’s role, name or status (the last owner cannot be demoted)',
      params: memberParams,
      body: updateMemberBody,
      success: reply(200, 'The updated member', memberSchema),
      problems: [403, 404, 409],
    },
    {
      operationId: 'removeMember',
      method: 'DELETE',
      path: '/v1/orgs/{orgId}/members/{userId}',
      summary: 'Remove a member (the last owner cannot be removed)',
      params: memberParams,
      success: reply(204, 'Removed (or already gone)'),
      problems: [403, 404, 409],
    },
  ]),
  ...routeGroup({ ...orgs, tag: 'Invites' }, [
    {
      operationId: 'createInvite',
      method: 'POST',
      path: '/v1/orgs/{orgId}/invites',
      summary: 'Invite someone by email with a role; the raw token is returned once',
      params: orgParams,
      body: createInviteBody,
      success: reply(201, 'Created', createdInviteSchema),
      problems: [403, 404, 409],
    },
    {
      operationId: 'listInvites',
      method: 'GET',
      path: '/v1/orgs/{orgId}/invites',
      summary: 'List invites, optionally by status',
      params: orgParams,
      query: inviteListQuery,
      success: replyPage('A page of invites', inviteSchema, 'InvitePage'),
      problems: [403, 404],
    },
    {
      operationId: 'revokeInvite',
      method: 'DELETE',
      path: '/v1/orgs/{orgId}/invites/{inviteId}',
      summary: 'Revoke a pending invite',
      params: inviteParams,
      success: reply(204, 'Revoked (or already revoked)'),
      problems: [403, 404, 409],
    },
    {
      operationId: 'acceptInvite',
      method: 'POST',
      path: '/v1/invites/accept',
      summary: 'Accept an invite: the caller becomes a member',
      body: acceptInviteBody,
      success: reply(201, 'Now a member', acceptedInviteSchema),
      problems: [403, 404, 409, 410],
    },
  ]),
  ...routeGroup({ ...orgs, tag: 'Me' }, [
    {
      operationId: 'listMyMemberships',
      method: 'GET',
      path: '/v1/me/memberships',
      summary: 'The organizations the caller belongs to',
      query: page,
      success: replyPage('A page of memberships', membershipSchema, 'MembershipPage'),
      problems: [],
    },
  ]),
] as const;
