import type { ApiResponse } from '../local/api-client.js';
import {
  type BookingStatus,
  type EntryStatus,
  forgetFinished,
  type KnownBooking,
  type KnownEntry,
  rememberBooking,
  rememberEntry,
  type UserState,
} from './user-state.js';

/**
 * One request of the mix: what to send, and what its answer teaches the user's state. Every
 * operation is a single HTTP request, so the schedule's rate is the request rate.
 */

export type OperationKind =
  | 'book'
  | 'cancel'
  | 'offer.accept'
  | 'offer.decline'
  | 'waitlist.leave'
  | 'read.notifications'
  | 'read.bookings'
  | 'read.waitlist'
  | 'staff.capacity';

export interface PlannedRequest {
  kind: OperationKind;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  token: string;
  body?: unknown;
  /** Called with the answer (never on a transport error); updates what the generator knows. */
  settle(res: ApiResponse<unknown>): void;
  /** Called however the request ended: frees the items it marked busy. */
  release(): void;
}

interface BookingView {
  bookingId: string;
  sessionId: string;
  status: BookingStatus;
}
interface EntryView {
  entryId: string;
  sessionId: string;
  status: EntryStatus;
  respondedAt: string | null;
}
interface Page<T> {
  items: T[];
}
interface Problem {
  code?: string;
  details?: { currentStatus?: string };
}

const noop = (): void => {};
const asBooking = (res: ApiResponse<unknown>) => res.json as BookingView;
const asEntry = (res: ApiResponse<unknown>) => res.json as EntryView;
const problemOf = (res: ApiResponse<unknown>): Problem =>
  typeof res.json === 'object' && res.json !== null ? (res.json as Problem) : {};

const bookingStatuses: readonly string[] = ['held', 'confirmed', 'cancelled', 'expired'];
const entryStatuses: readonly string[] = [
  'waiting',
  'offered',
  'accepted',
  'declined',
  'expired',
  'cancelled',
  'removed',
];

/** A refused transition names the current status: take it, else forget the item (it is stale). */
const learnRefusal = <S extends string>(
  res: ApiResponse<unknown>,
  known: readonly string[],
  apply: (status: S) => void,
  drop: () => void,
): void => {
  const current = problemOf(res).details?.currentStatus;
  if (current && known.includes(current)) apply(current as S);
  else drop();
};

const busy = <T extends { busy: boolean }>(item: T): (() => void) => {
  item.busy = true;
  return () => {
    item.busy = false;
  };
};

export const book = (user: UserState, orgId: string, sessionId: string, seats: number): PlannedRequest => ({
  kind: 'book',
  method: 'POST',
  path: `/v1/orgs/${orgId}/sessions/${sessionId}/bookings`,
  token: user.token,
  body: { attendeeId: user.attendeeId, seats, joinWaitlistIfFull: true },
  settle: (res) => {
    if (res.status === 201) rememberBooking(user, asBooking(res));
    if (res.status === 202) {
      const { waitlistEntry } = res.json as { waitlistEntry: EntryView };
      rememberEntry(user, waitlistEntry);
    }
  },
  release: noop,
});

export const cancel = (user: UserState, orgId: string, booking: KnownBooking): PlannedRequest => ({
  kind: 'cancel',
  method: 'POST',
  path: `/v1/orgs/${orgId}/sessions/${booking.sessionId}/bookings/${booking.bookingId}/cancel`,
  token: user.token,
  settle: (res) => {
    if (res.status === 200) booking.status = asBooking(res).status;
    else
      learnRefusal<BookingStatus>(
        res,
        bookingStatuses,
        (s) => {
          booking.status = s;
        },
        () => user.bookings.delete(booking.bookingId),
      );
  },
  release: busy(booking),
});

const entryAction = (
  kind: 'offer.accept' | 'offer.decline' | 'waitlist.leave',
  user: UserState,
  orgId: string,
  entry: KnownEntry,
): PlannedRequest => {
  const base = `/v1/orgs/${orgId}/waitlist/${entry.entryId}`;
  return {
    kind,
    method: kind === 'waitlist.leave' ? 'DELETE' : 'POST',
    path: kind === 'offer.accept' ? `${base}/accept` : kind === 'offer.decline' ? `${base}/decline` : base,
    token: user.token,
    settle: (res) => {
      if (res.status === 200) rememberEntry(user, asEntry(res));
      else
        learnRefusal<EntryStatus>(
          res,
          entryStatuses,
          (s) => {
            entry.status = s;
          },
          () => user.entries.delete(entry.entryId),
        );
    },
    release: busy(entry),
  };
};

export const respondToOffer = (user: UserState, orgId: string, entry: KnownEntry, accept: boolean) =>
  entryAction(accept ? 'offer.accept' : 'offer.decline', user, orgId, entry);

export const leaveWaitlist = (user: UserState, orgId: string, entry: KnownEntry) =>
  entryAction('waitlist.leave', user, orgId, entry);

/** The newest page (25): enough to see new offers and expired holds of an active user. */
export const readBookings = (user: UserState): PlannedRequest => ({
  kind: 'read.bookings',
  method: 'GET',
  path: '/v1/me/bookings',
  token: user.token,
  settle: (res) => {
    if (res.status !== 200) return;
    for (const b of (res.json as Page<BookingView>).items) {
      // Only what the generator still tracks, or new live ones (an offer's held booking).
      if (user.bookings.has(b.bookingId) || b.status === 'held' || b.status === 'confirmed')
        rememberBooking(user, b);
    }
    forgetFinished(user);
  },
  release: noop,
});

export const readWaitlist = (user: UserState): PlannedRequest => ({
  kind: 'read.waitlist',
  method: 'GET',
  path: '/v1/me/waitlist',
  token: user.token,
  settle: (res) => {
    if (res.status !== 200) return;
    for (const e of (res.json as Page<EntryView>).items) {
      if (user.entries.has(e.entryId) || e.status === 'waiting' || e.status === 'offered')
        rememberEntry(user, e);
    }
    forgetFinished(user);
  },
  release: noop,
});

export const readNotifications = (user: UserState): PlannedRequest => ({
  kind: 'read.notifications',
  method: 'GET',
  path: '/v1/me/notifications',
  token: user.token,
  settle: noop,
  release: noop,
});

export const changeCapacity = (
  token: string,
  orgId: string,
  sessionId: string,
  capacity: number,
  onChanged: (capacity: number) => void,
): PlannedRequest => ({
  kind: 'staff.capacity',
  method: 'PATCH',
  path: `/v1/orgs/${orgId}/sessions/${sessionId}`,
  token,
  body: { capacity },
  settle: (res) => {
    if (res.status === 200) onChanged((res.json as { capacity: number }).capacity);
  },
  release: noop,
});
