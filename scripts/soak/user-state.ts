import type { BookingStatus } from '../../functions/modules/bookings/domain/model.js';
import type { WaitlistStatus } from '../../functions/modules/bookings/domain/waitlist-model.js';

/**
 * What the load generator knows of each user's bookings and waitlist entries, learned only from
 * the API's answers (the booking, the 202 entry, `GET /v1/me/bookings`, `GET /v1/me/waitlist`).
 * It may be stale (a hold expired, an offer arrived): stale actions get a 4xx, as a real
 * client's would.
 */

export type { BookingStatus };
/** The entry's status as the API answers it. */
export type EntryStatus = WaitlistStatus;

export interface KnownBooking {
  bookingId: string;
  sessionId: string;
  status: BookingStatus;
  /** A request about it is in flight: not chosen again until it answers. */
  busy: boolean;
}

export interface KnownEntry {
  entryId: string;
  sessionId: string;
  status: EntryStatus;
  /** Accepted on a priced event: the entry stays `offered` while its booking waits for payment. */
  responded: boolean;
  busy: boolean;
}

export interface UserState {
  index: number;
  token: string;
  attendeeId: string;
  bookings: Map<string, KnownBooking>;
  entries: Map<string, KnownEntry>;
}

export const newUserState = (index: number, token: string, attendeeId: string): UserState => ({
  index,
  token,
  attendeeId,
  bookings: new Map(),
  entries: new Map(),
});

const liveBooking = (b: KnownBooking): boolean => b.status === 'held' || b.status === 'confirmed';
const activeEntry = (e: KnownEntry): boolean => e.status === 'waiting' || e.status === 'offered';

/** Live bookings not already being acted on. */
export const cancellable = (u: UserState): KnownBooking[] =>
  [...u.bookings.values()].filter((b) => liveBooking(b) && !b.busy);

export const openOffers = (u: UserState): KnownEntry[] =>
  [...u.entries.values()].filter((e) => e.status === 'offered' && !e.responded && !e.busy);

export const waitingEntries = (u: UserState): KnownEntry[] =>
  [...u.entries.values()].filter((e) => e.status === 'waiting' && !e.busy);

/** Sessions where the user already has a live booking or an active entry. */
export const engagedSessions = (u: UserState): Set<string> =>
  new Set([
    ...[...u.bookings.values()].filter(liveBooking).map((b) => b.sessionId),
    ...[...u.entries.values()].filter(activeEntry).map((e) => e.sessionId),
  ]);

export const rememberBooking = (
  u: UserState,
  b: { bookingId: string; sessionId: string; status: BookingStatus },
) => {
  const known = u.bookings.get(b.bookingId);
  if (known) known.status = b.status;
  else u.bookings.set(b.bookingId, { ...b, busy: false });
};

export const rememberEntry = (
  u: UserState,
  e: { entryId: string; sessionId: string; status: EntryStatus; respondedAt?: string | null },
) => {
  const known = u.entries.get(e.entryId);
  const responded = Boolean(e.respondedAt);
  if (known) {
    known.status = e.status;
    known.responded = known.responded || responded;
  } else
    u.entries.set(e.entryId, {
      entryId: e.entryId,
      sessionId: e.sessionId,
      status: e.status,
      responded,
      busy: false,
    });
};

/** Finished items are dropped, so the state (and the choosing) stays small over a long soak. */
export const forgetFinished = (u: UserState): void => {
  for (const [id, b] of u.bookings) if (!liveBooking(b) && !b.busy) u.bookings.delete(id);
  for (const [id, e] of u.entries) if (!activeEntry(e) && !e.busy) u.entries.delete(id);
};
