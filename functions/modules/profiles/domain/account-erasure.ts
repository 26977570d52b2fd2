import type { Deps } from '../../../kernel/domain/deps.js';
import { removeDevicesOf } from '../../notifications/index.js';
import { isActiveOwner } from './account-deletion.js';

/**
 * A user's account erasure (docs/profiles.md), run by the `jobs` function once the deletion was
 * asked for (account-deletion.ts): bounded steps, each safe to run again, each finding what is
 * left through the user's indexes (so a step that crashed is simply run again).
 */

export type ErasureDeps = Pick<
  Deps,
  | 'attendees'
  | 'joinRequests'
  | 'eventInvites'
  | 'members'
  | 'invites'
  | 'notifications'
  | 'devices'
  | 'pushEndpoints'
  | 'profiles'
  | 'profileFiles'
  | 'userInterests'
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
  // Attendee records in every organization: anonymized (bookings keep counts and statuses), once
  // the texts of their join requests and the contacts of their direct invites are gone (found
  // through the record, which leaves the user's index when anonymized).
  const attendees = await deps.attendees.listByUser(userId, { limit: stepSize });
  for (const attendee of attendees.items) {
    const [requestsLeft, invitesLeft] = await Promise.all([
      deps.joinRequests.eraseMessagesOf(attendee.orgId, attendee.attendeeId, stepSize),
      deps.eventInvites.eraseContactsOf(attendee.orgId, attendee.attendeeId, stepSize),
    ]);
    if (requestsLeft || invitesLeft) return 'more';
    await deps.notifications.removePreferences(attendee.orgId, userId);
    await deps.attendees.anonymize(attendee, at);
  }
  if (attendees.nextCursor) return 'more';
  // Organization invites the user accepted: their email (pending ones to the user's address
  // cannot be found by user; they expire).
  if (await deps.invites.eraseAcceptedBy(userId, stepSize)) return 'more';
  // Memberships (their records hold the name and email); an organization that lost its other
  // owners since the request keeps this one: LAST_OWNER fails the job, to be seen in its DLQ.
  const memberships = await deps.members.listByUser(userId, { limit: stepSize });
  for (const m of memberships.items) {
    await deps.notifications.removePreferences(m.orgId, userId);
    await deps.members.remove(m, isActiveOwner(m) ? -1 : 0);
  }
  if (memberships.nextCursor) return 'more';
  // Notifications listed under the user (their in-app inbox; payloads may quote a host's words).
  if (await deps.notifications.removeOfUser(userId, stepSize)) return 'more';
  // Push devices and their endpoints: nothing queued for the user reaches a phone afterwards.
  await removeDevicesOf(deps, userId);
  // The interests the user picked (discovery's user item).
  await deps.userInterests.remove(userId);
  // The pictures' objects, then the profile (which the objects' keys are found from no more).
  await deps.profileFiles.removeAll(`${userId}/`);
  await deps.profiles.remove(userId);
  return 'done';
};
