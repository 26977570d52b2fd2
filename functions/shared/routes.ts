import { orgParams, pageOf, pageQuerySchema } from '../contracts/common.js';
import {
  acceptedInviteSchema,
  acceptInviteBody,
  createdInviteSchema,
  createInviteBody,
  inviteListQuery,
  inviteParams,
  inviteSchema,
} from '../contracts/invites.js';
import { memberParams, memberSchema, membershipSchema, updateMemberBody } from '../contracts/members.js';
import {
  createOrgBody,
  deletionAcceptedSchema,
  organizationSchema,
  updateOrgBody,
} from '../contracts/organizations.js';
import * as z from '../contracts/zod.js';
import type { HttpFunctionName } from './function-definitions.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * One entry per HTTP route. CDK turns each into an API Gateway route on `function`; the local
 * server matches requests against the same list; the OpenAPI document is generated from it; the
 * sweep tests iterate over it. Paths use API Gateway syntax and are part of the product.
 */
export interface RouteDefinition {
  operationId: string;
  method: HttpMethod;
  path: string;
  function: HttpFunctionName;
  /** `jwt`: the API Gateway JWT authorizer (locally: the dev-key verifier) must pass first. */
  auth: 'jwt' | 'none';
  summary: string;
  tag: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  success: { status: 200 | 201 | 202 | 204; description: string; schema?: z.ZodType; contentType?: string };
  /** Problem statuses this route can answer besides 400/401/413/415/422/500. */
  problems: readonly number[];
}

const page = pageQuerySchema;

export const routes = [
  {
    operationId: 'getHealth',
    method: 'GET',
    path: '/health',
    function: 'public',
    auth: 'none',
    summary: 'Liveness check',
    tag: 'System',
    success: {
      status: 200,
      description: 'The API is up',
      schema: z.object({ status: z.literal('ok') }).openapi('Health'),
    },
    problems: [],
  },
  {
    operationId: 'getOpenApi',
    method: 'GET',
    path: '/openapi.json',
    function: 'public',
    auth: 'none',
    summary: 'This OpenAPI 3.1 document',
    tag: 'System',
    success: { status: 200, description: 'OpenAPI 3.1 document' },
    problems: [],
  },
  {
    operationId: 'createOrganization',
    method: 'POST',
    path: '/v1/orgs',
    function: 'orgs',
    auth: 'jwt',
    summary: 'Create an organization; the caller becomes its owner',
    tag: 'Organizations',
    body: createOrgBody,
    success: { status: 201, description: 'Created', schema: organizationSchema },
    problems: [403, 409],
  },
  {
    operationId: 'getOrganization',
    method: 'GET',
    path: '/v1/orgs/{orgId}',
    function: 'orgs',
    auth: 'jwt',
    summary: 'Read an organization',
    tag: 'Organizations',
    params: orgParams,
    success: { status: 200, description: 'The organization', schema: organizationSchema },
    problems: [403, 404],
  },
  {
    operationId: 'updateOrganization',
    method: 'PATCH',
    path: '/v1/orgs/{orgId}',
    function: 'orgs',
    auth: 'jwt',
    summary: 'Change name, domain or settings',
    tag: 'Organizations',
    params: orgParams,
    body: updateOrgBody,
    success: { status: 200, description: 'The updated organization', schema: organizationSchema },
    problems: [403, 404, 409],
  },
  {
    operationId: 'deleteOrganization',
    method: 'DELETE',
    path: '/v1/orgs/{orgId}',
    function: 'orgs',
    auth: 'jwt',
    summary: 'Delete an organization and everything in it (asynchronously)',
    tag: 'Organizations',
    params: orgParams,
    success: { status: 202, description: 'Deletion started', schema: deletionAcceptedSchema },
    problems: [403, 404],
  },
  {
    operationId: 'listMembers',
    method: 'GET',
    path: '/v1/orgs/{orgId}/members',
    function: 'orgs',
    auth: 'jwt',
    summary: 'List the members of an organization',
    tag: 'Members',
    params: orgParams,
    query: page,
    success: { status: 200, description: 'A page of members', schema: pageOf(memberSchema, 'MemberPage') },
    problems: [403, 404],
  },
  {
    operationId: 'updateMember',
    method: 'PATCH',
    path: '/v1/orgs/{orgId}/members/{userId}',
    function: 'orgs',
    auth: 'jwt',
    summary: 'Change a member’s role, name or status (the last owner cannot be demoted)',
    tag: 'Members',
    params: memberParams,
    body: updateMemberBody,
    success: { status: 200, description: 'The updated member', schema: memberSchema },
    problems: [403, 404, 409],
  },
  {
    operationId: 'removeMember',
    method: 'DELETE',
    path: '/v1/orgs/{orgId}/members/{userId}',
    function: 'orgs',
    auth: 'jwt',
    summary: 'Remove a member (the last owner cannot be removed)',
    tag: 'Members',
    params: memberParams,
    success: { status: 204, description: 'Removed (or already gone)' },
    problems: [403, 404, 409],
  },
  {
    operationId: 'createInvite',
    method: 'POST',
    path: '/v1/orgs/{orgId}/invites',
    function: 'orgs',
    auth: 'jwt',
    summary: 'Invite someone by email with a role; the raw token is returned once',
    tag: 'Invites',
    params: orgParams,
    body: createInviteBody,
    success: { status: 201, description: 'Created', schema: createdInviteSchema },
    problems: [403, 404, 409],
  },
  {
    operationId: 'listInvites',
    method: 'GET',
    path: '/v1/orgs/{orgId}/invites',
    function: 'orgs',
    auth: 'jwt',
    summary: 'List invites, optionally by status',
    tag: 'Invites',
    params: orgParams,
    query: inviteListQuery,
    success: { status: 200, description: 'A page of invites', schema: pageOf(inviteSchema, 'InvitePage') },
    problems: [403, 404],
  },
  {
    operationId: 'revokeInvite',
    method: 'DELETE',
    path: '/v1/orgs/{orgId}/invites/{inviteId}',
    function: 'orgs',
    auth: 'jwt',
    summary: 'Revoke a pending invite',
    tag: 'Invites',
    params: inviteParams,
    success: { status: 204, description: 'Revoked (or already revoked)' },
    problems: [403, 404, 409],
  },
  {
    operationId: 'acceptInvite',
    method: 'POST',
    path: '/v1/invites/accept',
    function: 'orgs',
    auth: 'jwt',
    summary: 'Accept an invite: the caller becomes a member',
    tag: 'Invites',
    body: acceptInviteBody,
    success: { status: 201, description: 'Now a member', schema: acceptedInviteSchema },
    problems: [403, 404, 409, 410],
  },
  {
    operationId: 'listMyMemberships',
    method: 'GET',
    path: '/v1/me/memberships',
    function: 'orgs',
    auth: 'jwt',
    summary: 'The organizations the caller belongs to',
    tag: 'Me',
    query: page,
    success: {
      status: 200,
      description: 'A page of memberships',
      schema: pageOf(membershipSchema, 'MembershipPage'),
    },
    problems: [],
  },
] as const satisfies readonly RouteDefinition[];

export type OperationId = (typeof routes)[number]['operationId'];
export type Route = (typeof routes)[number];

export const routeKey = (r: Pick<RouteDefinition, 'method' | 'path'>): string => `${r.method} ${r.path}`;

export const routesOf = (fn: HttpFunctionName): RouteDefinition[] =>
  (routes as readonly RouteDefinition[]).filter((r) => r.function === fn);
