import type { Deps } from '../../../kernel/domain/deps.js';
import type { Principal } from '../../../kernel/domain/types.js';
import { attendeeFromProfile } from '../../people/index.js';
import type { HolderChoice } from './holder-choice.js';

/**
 * A self-service booking naming no holder is the caller's own: their attendee record, made from
 * their profile on their first booking (people module, `attendeeFromProfile`). Members name the
 * holder, as staff do; without a record or a profile the choice is left as it came and refused as
 * before (422 on attendeeId).
 */
export const withOwnHolder = async <T extends HolderChoice>(
  deps: Pick<Deps, 'attendees' | 'clock' | 'members' | 'orgs' | 'profiles'>,
  principal: Principal,
  orgId: string,
  input: T,
): Promise<T> => {
  if (input.attendeeId !== undefined || input.partyId !== undefined) return input;
  if ((await deps.members.get(orgId, principal.sub))?.status === 'active') return input;
  const own = await attendeeFromProfile(deps, principal, orgId);
  return own ? { ...input, attendeeId: own.attendeeId } : input;
};
