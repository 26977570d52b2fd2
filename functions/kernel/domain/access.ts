import type { Deps } from './deps.js';
import { DomainError, notFound } from './errors.js';
import { type Action, assertAllowed } from './permissions.js';
import type { Member, Organization, Principal } from './types.js';

/** What the membership gate reads: every org-scoped use case takes these besides its own ports. */
export type AccessDeps = Pick<Deps, 'members' | 'orgs'>;

export interface Access {
  org: Organization;
  actor: Member;
}

/** Actions still allowed while an organization is being deleted. */
const allowedWhileDeleting: readonly Action[] = ['organization.read', 'organization.delete'];

/**
 * The one gate of every org-scoped use case. A caller who is not an active member gets the same
 * NOT_FOUND as for an organization that does not exist, so org ids cannot be probed.
 */
export const authorize = async (
  deps: AccessDeps,
  orgId: string,
  principal: Principal,
  action: Action,
): Promise<Access> => {
  const [org, actor] = await Promise.all([deps.orgs.get(orgId), deps.members.get(orgId, principal.sub)]);
  return mayAct(org, actor, action);
};

/**
 * The gate on an organization and membership already read (in one round trip with other reads
 * of the request): the same answers as `authorize`.
 */
export const mayAct = <O extends Pick<Organization, 'status'>, A extends Pick<Member, 'role' | 'status'>>(
  org: O | undefined,
  actor: A | undefined,
  action: Action,
  /** The action is allowed otherwise (the caller's place on an event's team). */
  allowedOtherwise = false,
): { org: O; actor: A } => {
  if (!org || !actor || actor.status !== 'active') throw notFound('organization');
  if (!allowedOtherwise) assertAllowed(actor.role, action);
  if (org.status === 'deleting' && !allowedWhileDeleting.includes(action)) {
    throw new DomainError('ORGANIZATION_DELETING', 'the organization is being deleted');
  }
  return { org, actor };
};

/** An organization read with its item (not through a membership): missing answers NOT_FOUND, deleting ORGANIZATION_DELETING. */
export const assertOrgOpen = (status: 'active' | 'deleting' | undefined): void => {
  if (!status) throw notFound('organization');
  if (status === 'deleting')
    throw new DomainError('ORGANIZATION_DELETING', 'the organization is being deleted');
};
