import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError } from '../../../kernel/domain/errors.js';
import { derivedId } from '../../../kernel/domain/ids.js';
import type { Member, Organization, Principal } from '../../../kernel/domain/types.js';

/** The id of a user's personal organization: derived from the user id, so asking again finds it. */
export const personalOrgId = (userId: string): string => derivedId('org', 'personal', userId);

const nameOf = (p: Principal): string => p.name?.trim() || p.email?.split('@')[0] || p.sub;

/**
 * The caller's personal organization (seed 002's host), created on first ask with the caller as
 * its owner; from there the catalog, requests, payments and check-in work as in any organization.
 * Personal organizations are open to every signed-in user whatever the tenant's `orgCreation`
 * (that setting governs team organizations). Returns whether this call created it.
 */
export const hostAsMe = async (
  deps: Pick<Deps, 'clock' | 'orgs'>,
  principal: Principal,
): Promise<{ org: Organization; created: boolean }> => {
  const orgId = personalOrgId(principal.sub);
  const existing = await deps.orgs.get(orgId);
  if (existing) return { org: existing, created: false };
  const now = deps.clock.now().toISOString();
  const org: Organization = {
    orgId,
    name: `${nameOf(principal)}'s events`.slice(0, 120),
    domain: null,
    kind: 'personal',
    status: 'active',
    settings: {},
    createdAt: now,
    updatedAt: now,
  };
  const owner: Member = {
    orgId,
    userId: principal.sub,
    name: nameOf(principal),
    email: principal.email ?? '',
    role: 'owner',
    status: 'active',
    joinedAt: now,
    updatedAt: now,
  };
  try {
    await deps.orgs.create(org, owner);
    return { org, created: true };
  } catch (err) {
    // A concurrent first ask created it: answer the one stored.
    const stored =
      err instanceof DomainError && err.code === 'CONFLICT' ? await deps.orgs.get(orgId) : undefined;
    if (!stored) throw err;
    return { org: stored, created: false };
  }
};
