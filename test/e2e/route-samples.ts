import type { Action } from '../../functions/core/permissions.js';
import type { OperationId } from '../../functions/shared/routes.js';

/** Ids of the organization the sweeps attack; created by the sweep's setup. */
export interface SweepTarget {
  orgId: string;
  inviteId: string;
  /** A member other than the owner (role `staff`). */
  memberId: string;
}

export interface Sample {
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** A valid body; the bad-input sweep derives its broken variants from it. */
  body?: Record<string, unknown>;
  /** The permission the route needs inside the target organization; none for tenant-free routes. */
  action?: Action;
}

/**
 * One valid request per route. Typed as a full record of operation ids, so adding a route to the
 * manifest without a sample here fails the typecheck, and with it the sweeps.
 */
export const routeSamples = (t: SweepTarget): Record<OperationId, Sample> => ({
  getHealth: {},
  getOpenApi: {},
  createOrganization: { body: { name: 'Sweep Org', domain: 'sweep.example' } },
  getOrganization: { params: { orgId: t.orgId }, action: 'organization.read' },
  updateOrganization: {
    params: { orgId: t.orgId },
    body: { name: 'Renamed' },
    action: 'organization.update',
  },
  deleteOrganization: { params: { orgId: t.orgId }, action: 'organization.delete' },
  listMembers: { params: { orgId: t.orgId }, query: { limit: '10' }, action: 'member.list' },
  updateMember: {
    params: { orgId: t.orgId, userId: t.memberId },
    body: { role: 'viewer' },
    action: 'member.update',
  },
  removeMember: { params: { orgId: t.orgId, userId: t.memberId }, action: 'member.remove' },
  createInvite: {
    params: { orgId: t.orgId },
    body: { email: 'new@example.com', role: 'viewer' },
    action: 'invite.create',
  },
  listInvites: { params: { orgId: t.orgId }, query: { status: 'pending' }, action: 'invite.list' },
  revokeInvite: { params: { orgId: t.orgId, inviteId: t.inviteId }, action: 'invite.revoke' },
  acceptInvite: { body: { token: `${t.orgId}.${t.inviteId}.not-the-secret-but-long-enough` } },
  listMyMemberships: { query: { limit: '5' } },
});

export const fillPath = (path: string, params: Record<string, string> = {}): string =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? `missing-${name}`));
