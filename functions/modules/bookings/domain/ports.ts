import type { Role } from '../../../kernel/domain/roles.js';
import type { MemberStatus, OrgStatus, Page, PageRequest } from '../../../kernel/domain/types.js';
import type { Event, Session } from '../../catalog/index.js';
import type { JoinRequest, PassGrant } from '../../invitations/index.js';
import type { NotificationRef } from '../../notifications/index.js';
import type { Party } from '../../people/index.js';
import type { CategoryCount, ChosenTicket, TicketCategory } from '../../pricing/index.js';
import type { BookedSeat, Booking, BookingHistoryEntry, BookingRef, HoldExpiry } from './model.js';

/**
 * Ports of the booking engine. The booking store changes a booking, its seats, history, audit and
 * outbox items and the session counter in one transaction per change.
 */

export interface HoldScheduler {
  /**
   * Makes a one-off schedule that delivers `expiry` to the holds queue at `expiry.at`, and deletes
   * itself after completion. Scheduling twice for the same booking is harmless.
   */
  scheduleExpiry(expiry: HoldExpiry): Promise<void>;
  /**
   * Makes a one-off schedule that delivers a `hold.remind` for the hold at `reminder.at`. It is
   * left to fire even when the hold ends first: the reminder then finds nothing to say.
   */
  scheduleReminder(reminder: HoldExpiry): Promise<void>;
  /** Deletes the schedule of a hold that ended otherwise (confirmed, cancelled); absent is fine. */
  cancelExpiry(expiry: Omit<HoldExpiry, 'at'>): Promise<void>;
}

/** What booking a session needs to know, for one caller; read in one round trip. */
export interface BookingContextQuery {
  orgId: string;
  sessionId: string;
  /** The caller's JWT sub. */
  userId: string;
  attendeeId?: string | undefined;
  partyId?: string | undefined;
}

export interface BookingContext {
  orgStatus: OrgStatus | undefined;
  member: { role: Role; status: MemberStatus } | undefined;
  session: Session | undefined;
  event: Event | undefined;
  attendee: { attendeeId: string; userId: string | null } | undefined;
  party: Party | undefined;
  /** The attendee of the organization linked to the caller, if any (read for party bookings). */
  ownAttendeeId: string | undefined;
  /** The event's ticket categories (none: it sells at the event's price). */
  categories: TicketCategory[];
  /** The session's category counters as read (a remembered read may be behind: takes check them). */
  categoryCounts: ReadonlyMap<string, CategoryCount>;
  /**
   * The holder's pass for the session's event (for a party, its leader's): read with a fresh
   * context; a remembered one has none, and is never used for events that need one.
   */
  pass?: PassGrant | undefined;
  /** The attendee's self-declared gender (for a party, its leader's), for the guest rules. */
  gender?: string | null | undefined;
}

/**
 * What the booking transaction re-checks about the one who holds the booking, so that a change
 * between the read and the write cannot slip through: the attendee still exists (and, for a
 * self-service booking, is still linked to the caller), or the party is unchanged.
 */
export type HolderCheck =
  | { kind: 'attendee'; attendeeId: string; linkedTo: string | null }
  | { kind: 'party'; party: Party };

export interface NewBooking {
  booking: Booking;
  /** The event as read: the transaction checks it is still published and unchanged. */
  event: Event;
  /**
   * The session as read: the transaction checks it is still scheduled and unchanged, so a
   * cancellation or a new seat map or table plan between the read and the write cannot slip through.
   */
  session: Session;
  holder: HolderCheck;
  /** The categories bought, as priced: their places are taken before the transaction. */
  tickets: ChosenTicket[];
  /** A join request's reservation: its request moves from pending to reserved in the same transaction. */
  reservation?: ReservationStep | undefined;
}

/** The request side of a reservation's booking transaction (reservations.ts). */
export interface ReservationStep {
  /** The request as it becomes: `reserved`, with the booking and its deadline. */
  request: JoinRequest;
}

/**
 * The notification of a booking change when it is not `booking.${status}`: a booking cancelled
 * because its session was tells its attendee `session.cancelled`, with `details` in the payload.
 */
export interface StepNotification {
  type: string;
  details: Record<string, unknown>;
}

/** A booking status change: `next` replaces `current` if `current` is still what is stored. */
export interface BookingTransition {
  current: Booking;
  next: Booking;
  by: string;
  reason: string;
  /** Confirm needs the hold still running at `next.updatedAt`; expiry needs it past due. */
  deadline?: 'running' | 'passed';
  notification?: StepNotification;
  /**
   * An expiring waitlist offer whose event re-queues expired offers: the entry goes back to the
   * end of the line at this (reserved) position instead of ending `expired`.
   */
  requeuePosition?: number;
}

/**
 * `stale`: the stored booking is no longer `current` (or the deadline condition failed); the use
 * case reads it again to explain why.
 */
export type TransitionResult = 'done' | 'stale';

export interface BookingStore {
  /** One read for the whole booking context (the session's event id comes from a cache of the link). */
  context(query: BookingContextQuery): Promise<BookingContext>;
  /**
   * The context of a self-service booking without reading: the organization, session and event as
   * this container last read them, the attendee taken to be the caller's, and no membership. Every
   * one of these is checked again by the booking transaction (organization active, event and
   * session unchanged, attendee linked to the caller). Undefined for a party, when the session is
   * not known here, or when the caller was last seen as a member of the organization (staff book
   * for others, which the transaction would refuse on this context).
   */
  rememberedContext(query: BookingContextQuery): BookingContext | undefined;
  /** Drops the remembered organization, session and event of the query (a booking on them failed). */
  forgetContext(query: BookingContextQuery): void;
  /** Seats of live bookings of a seated session (strongly consistent). */
  bookedSeats(orgId: string, sessionId: string): Promise<BookedSeat[]>;
  /**
   * Commits the booking with the counter update, seat puts, history, audit and outbox items.
   * Throws CAPACITY_EXHAUSTED (details.available), SEAT_TAKEN (details.labels), NOT_FOUND,
   * NOT_BOOKABLE with details.stale (the event or session changed since read, including the
   * event's or organization's deletion mark: read again), CONFLICT (the party changed), and
   * TEMPORARILY_UNAVAILABLE after retries of conflicts and throttles.
   */
  create(booking: NewBooking): Promise<void>;
  get(ref: BookingRef): Promise<Booking | undefined>;
  /**
   * Writes the "about to expire" notification of a held booking, once (a second call finds it
   * written and answers undefined); answers where it was written, for the relay.
   */
  recordHoldReminder(booking: Booking): Promise<NotificationRef | undefined>;
  history(ref: BookingRef): Promise<BookingHistoryEntry[]>;
  /** Moves the booking and the counter; releasing statuses delete the seats. */
  transition(change: BookingTransition): Promise<TransitionResult>;
  listBySession(orgId: string, sessionId: string, page: PageRequest): Promise<Page<Booking>>;
  /** The places the session's live bookings hold, by status (strongly consistent, every page). */
  liveSeats(orgId: string, sessionId: string): Promise<{ held: number; confirmed: number }>;
  /** How many live bookings of the session an attendee or party holds (its count, strongly consistent). */
  liveBookingsOf(orgId: string, sessionId: string, holderId: string): Promise<number>;
  /** Bookings held by one attendee (or party), newest first. */
  listByHolder(orgId: string, holderId: string, page: PageRequest): Promise<Page<Booking>>;
  /** Bookings of the attendees linked to one user, across organizations, newest first. */
  listByUser(userId: string, page: PageRequest): Promise<Page<Booking>>;
  /** Held bookings whose deadline is at or before `now`, across organizations, earliest first. */
  listDueHolds(now: string, limit: number): Promise<HoldExpiry[]>;
  /** Deletes up to `limit` booking records of a session (cascade deletes); fewer means none are left. */
  purgeSession(orgId: string, sessionId: string, limit: number): Promise<number>;
}

/**
 * What was paid for a booking, as the payments module records it (declared here, implemented by
 * the payments module's adapter and wired in the composition root: bookings do not import payments).
 */
export interface BookingPayment {
  orderId: string;
  provider: string;
  status: string;
  currency: string;
  subtotal: number;
  tax: { name: string; ratePercent: number; number: string | null; amount: number } | null;
  fee: number;
  total: number;
  paidAmount: number;
  refundedAmount: number;
}

export interface BookingPayments {
  /** The booking's payment order, or null when it has none (free, or not asked to pay yet). */
  of(ref: BookingRef): Promise<BookingPayment | null>;
  /**
   * Commits a cancellation (`change`, which releases the booking) and, in the same transaction,
   * marks the booking's order as owing a refund of the money it still holds, which the payments
   * reconciler then makes. A booking whose order holds no money is cancelled alone.
   */
  cancelOwingRefund(change: BookingTransition): Promise<TransitionResult>;
}
