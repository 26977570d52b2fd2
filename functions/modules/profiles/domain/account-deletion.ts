import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError } from '../../../kernel/domain/errors.js';
import { everyPage } from '../../../kernel/domain/every-page.js';
import type { Member, Principal } from '../../../kernel/domain/types.js';

/**
 * A user's account deletion (docs/profiles.md): the request refuses a sole owner and hands the
 * erasure to the jobs queue (account-erasure.ts, run by the `jobs` function).
 */

/** The body a deletion must carry, so that no stray DELETE erases an account. */
export const accountDeletionConfirmation = 'DELETE';

export const isActiveOwner = (m: Pick<Member, 'role' | 'status'>): boolean =>
  m.role === 'owner' && m.status === 'active';

/** The organizations whose only active owner the user is. */
export const soleOwnedOrgs = async (deps: Pick<Deps, 'members'>, userId: string): Promise<string[]> => {
  const memberships = await everyPage((page) => deps.members.listByUser(userId, page));
  const sole: string[] = [];
  for (const m of memberships.filter(isActiveOwner)) {
    const members = await everyPage((page) => deps.members.list(m.orgId, page));
    if (!members.some((o) => o.userId !== userId && isActiveOwner(o))) sole.push(m.orgId);
  }
  return sole;
};

/**
 * Refuses (409 LAST_OWNER, naming the organizations) while the caller is the only owner of one:
 * it must be handed over or deleted first. Otherwise the erasure is queued; asking again queues
 * it again, which does no harm.
 */
export const requestAccountDeletion = async (
  deps: Pick<Deps, 'members' | 'jobs'>,
  principal: Principal,
): Promise<void> => {
  const orgIds = await soleOwnedOrgs(deps, principal.sub);
  if (orgIds.length > 0)
    throw new DomainError(
      'LAST_OWNER',
      `you are the only owner of ${orgIds.join(', ')}: name another owner or delete them first`,
      { orgIds },
    );
  await deps.jobs.send({ type: 'account.erase', userId: principal.sub });
};
