import type { Deps } from '../../../kernel/domain/deps.js';
import type { Booking } from '../../bookings/index.js';
import { displayName } from './model.js';

/**
 * The names reports show for tickets, each read at most once per report: the attendee's for an
 * attendee's booking, the party's for a party's booking; null when the holder was deleted.
 */

export type NameDeps = Pick<Deps, 'attendees' | 'parties'>;

export type Holder = Pick<Booking, 'attendeeId' | 'partyId'>;

/** The value `read` gives for `key`, read once per cache. */
export const once = <T>(cache: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> => {
  let value = cache.get(key);
  if (!value) {
    value = read();
    cache.set(key, value);
  }
  return value;
};

export const holderNames = (deps: NameDeps, orgId: string) => {
  const attendees = new Map<string, Promise<string | null>>();
  const parties = new Map<string, Promise<string | null>>();
  const attendeeName = (attendeeId: string) =>
    once(attendees, attendeeId, async () => {
      const a = await deps.attendees.get(orgId, attendeeId);
      return a ? displayName(a) : null;
    });
  const partyName = (partyId: string) =>
    once(parties, partyId, async () => (await deps.parties.get(orgId, partyId))?.name ?? null);
  return async (holder: Holder): Promise<string | null> => {
    if (holder.attendeeId) return attendeeName(holder.attendeeId);
    return holder.partyId ? partyName(holder.partyId) : null;
  };
};
