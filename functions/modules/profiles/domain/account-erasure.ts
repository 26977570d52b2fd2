import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError } from '../../../kernel/domain/errors.js';
import { everyPage } from '../../../kernel/domain/every-page.js';
import type { Member, Principal } from '../../../kernel/domain/types.js';
import { removeDevicesOf } from '../../notifications/index.js';

/**
 * A user's account deletion (docs/profiles.md): the request refuses a sole owner and hands the
 * erasure to the jobs queue; the job erases in bounded steps, each safe to run again, each
 * finding what is left through the user's indexes (so a step that crashed is simply run again).
 */

/** The body a deletion must carry, so that no stray DELETE erases an account. */
export const accountDeletionConfirmation = 'DELETE';

const isActiveOwner = (m: Pick<Member, 'role' | 'status'>): boolean =>
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

export type ErasureDeps = Pick<
  Deps,
  | 'attendees'
  | 'members'
  | 'notifications'
  | 'devices'
  | 'pushEndpoints'
  | 'profiles'
  | 'profileFiles'
  | 'clock'
>;

/** Records handled per step: a step stays far inside the job's timeout. */
const stepSize = 25;

/**
 * One step of an account's erasure: `more` when the job must run again. Each handled record
 * leaves the user's index it was found in, so the next step starts over and finds only the rest.
 */
export const runAccountErasure = async (deps: ErasureDeps, userId: string): Promise<'done' | 'more'> => {
  const at = deps.clock.now().toISOString();
  // Attendee records in every organization: anonymized (bookings keep counts and statuses).
  const attendees = await deps.attendees.listByUser(userId, { limit: stepSize });
  for (const attendee of attendees.items) {
    await deps.notifications.removePreferences(attendee.orgId, userId);
    await deps.attendees.anonymize(attendee, at);
  }
  if (attendees.nextCursor) return 'more';
  // Memberships (their records hold the name and email); an organization that lost its other
  // owners since the request keeps this one: LAST_OWNER fails the job, to be seen in its DLQ.
  const memberships = await deps.members.listByUser(userId, { limit: stepSize });
  for (const m of memberships.items) {
    await deps.notifications.removePreferences(m.orgId, userId);
    await deps.members.remove(m, isActiveOwner(m) ? -1 : 0);
  }
  if (memberships.nextCursor) return 'more';
  // Push devices and their endpoints: nothing queued for the user reaches a phone afterwards.
  await removeDevicesOf(deps, userId);
  // The pictures' objects, then the profile (which the objects' keys are found from no more).
  await deps.profileFiles.removeAll(`${userId}/`);
  await deps.profiles.remove(userId);
  return 'done';
};
