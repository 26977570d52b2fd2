import type { Page, PageRequest } from '../../../kernel/domain/types.js';
import type { CategoryCount, ChosenTicket } from '../../pricing/index.js';
import type { Booking } from './model.js';
import type { WaitingSlot, WaitlistEntry, WaitlistStatus } from './waitlist-model.js';

/**
 * Ports of the waitlist. Each change of an entry is one transaction with the waiting line, the
 * session counter's `waiting` count and the entry's notification, conditional on the state it was
 * decided from; `stale` means that state moved meanwhile and the use case reads again.
 */

export type WaitlistWrite = 'done' | 'stale';

export interface EntryExit {
  entry: WaitlistEntry;
  /** `cancelled` (by its owner) or `removed` (by staff or when the session closes). */
  status: Extract<WaitlistStatus, 'cancelled' | 'removed'>;
  by: string;
  reason: string;
  at: string;
  /** Places are free: tell the offer engine (the line's head changed). */
  wake: boolean;
}

export interface EntryMove {
  entry: WaitlistEntry;
  position: number;
  at: string;
  wake: boolean;
}

/** One offer: the held booking, the entry moving waiting -> offered, and the entries passed over. */
export interface Offer {
  entry: WaitlistEntry;
  booking: Booking;
  skipped: readonly WaitingSlot[];
  /** The session as the offer was planned on it: a change since (cancelled, re-seated) makes the offer stale. */
  sessionUpdatedAt: string;
  /** The entry's categories as priced, and their session counters as read: the offer takes their places. */
  tickets: readonly ChosenTicket[];
  categoryCounts: ReadonlyMap<string, CategoryCount>;
}

export interface WaitlistStore {
  /** The next unused position of the session's line (an atomic increment; gaps are harmless). */
  reservePosition(orgId: string, sessionId: string): Promise<number>;
  /**
   * Puts the entry with its line slot and its holder's uniqueness item, and counts it waiting on
   * the session counter. Throws ALREADY_WAITLISTED (details.entryId) when the attendee or party
   * already has an active entry for the session.
   */
  join(entry: WaitlistEntry, wake: boolean): Promise<void>;
  get(orgId: string, entryId: string): Promise<WaitlistEntry | undefined>;
  getInSession(orgId: string, sessionId: string, entryId: string): Promise<WaitlistEntry | undefined>;
  /** The waiting line in order (strongly consistent). */
  line(orgId: string, sessionId: string, limit?: number): Promise<WaitingSlot[]>;
  listBySession(
    orgId: string,
    sessionId: string,
    status: WaitlistStatus | undefined,
    page: PageRequest,
  ): Promise<Page<WaitlistEntry>>;
  /** Entries of the caller across organizations, newest first. */
  listByUser(userId: string, page: PageRequest): Promise<Page<WaitlistEntry>>;
  /** waiting -> cancelled | removed. */
  leave(exit: EntryExit): Promise<WaitlistWrite>;
  /** A waiting entry to a new position. */
  move(move: EntryMove): Promise<WaitlistWrite>;
  /**
   * Commits an offer: counter (available -> held, one fewer waiting), held booking, seats,
   * booking records, entry waiting -> offered, slot delete, skips of the passed entries, and the
   * `waitlist.offered` notification. `entry-gone` when the entry itself is no longer waiting at
   * its position (another run offered it, or it left), `stale` when anything else changed.
   */
  offer(offer: Offer): Promise<WaitlistWrite | 'entry-gone'>;
  /** Records that the owner accepted an offer still held for payment. */
  markResponded(entry: WaitlistEntry, at: string): Promise<WaitlistWrite>;
  /** Deletes up to `limit` waitlist items of a session (cascade deletes); fewer means none are left. */
  purgeSession(orgId: string, sessionId: string, limit: number): Promise<number>;
}
