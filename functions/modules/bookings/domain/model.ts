import type { BookingTicket, DiscountInput } from '../../pricing/index.js';

/**
 * A booking: N seats of one session for an attendee or a party. Free events confirm at once;
 * priced events hold the seats until a deadline (then `expired`, releasing them) or payment.
 */

export type BookingStatus = 'held' | 'confirmed' | 'cancelled' | 'expired';

/** Payment runs beside the booking state: `none` for free events. */
export type PaymentStatus = 'none' | 'pending' | 'paid' | 'refunded';

export interface Booking {
  orgId: string;
  sessionId: string;
  eventId: string;
  bookingId: string;
  /** Exactly one of attendeeId and partyId is set. */
  attendeeId: string | null;
  partyId: string | null;
  seats: number;
  /** Allocated seat labels (seated sessions), in map order; empty otherwise. */
  seatLabels: string[];
  /**
   * The ticket categories bought and their unit prices when booked (a party may mix them); empty
   * for an event that sells no categories (its price is the event's).
   */
  tickets: BookingTicket[];
  /** The promo code's discount as it stood when booked (its use is counted while the booking lives). */
  discount: DiscountInput | null;
  status: BookingStatus;
  paymentStatus: PaymentStatus;
  /** While `held`: when the hold lapses. */
  holdExpiresAt: string | null;
  /** The signed-in user who made the booking (the attendee, or staff on their behalf). */
  bookedBy: string;
  /**
   * The user the booking belongs to: the attendee's linked user, for a party its leader's; null
   * when that attendee is not linked to a user. Lists it under `/v1/me/bookings`.
   */
  userId: string | null;
  /** Set on a waitlist offer: the entry whose offer this held booking is. */
  waitlistEntryId: string | null;
  /**
   * Set on a join request's reservation: the request whose places this held booking keeps (its
   * status moves with the booking's). Absent on other bookings, which predate requests.
   */
  requestId?: string;
  /** A marketing campaign's tracking code the booking was made with (upper case); absent otherwise. */
  trackingCode?: string;
  createdAt: string;
  updatedAt: string;
}

/** Identifies a booking; every booking key is led by org and session. */
export interface BookingRef {
  orgId: string;
  sessionId: string;
  bookingId: string;
}

/** What a hold-expiry schedule carries (EventBridge Scheduler -> SQS -> handler; locally the same). */
export interface HoldExpiry extends BookingRef {
  /** The deadline the schedule was made for. */
  at: string;
}

/** What one seat of a session's seat map is taken by. */
export type SeatState = 'free' | 'held' | 'confirmed';

/** A seat taken by a live booking (held or confirmed); seats of other bookings are deleted. */
export interface BookedSeat {
  label: string;
  bookingId: string;
  state: Exclude<SeatState, 'free'>;
}

/** One step of a booking's life, written in the same transaction as the step itself. */
export interface BookingHistoryEntry {
  at: string;
  from: BookingStatus | null;
  to: BookingStatus;
  /** The user (JWT sub) who caused it, or `system` for expiries. */
  by: string;
  reason: string;
}

/** The longest a hold's "about to expire" reminder comes before its deadline. */
export const holdReminderLeadMs = 5 * 60_000;

/**
 * When to remind the holder that a hold is about to lapse: five minutes before its deadline, or
 * half-way through a hold shorter than ten minutes. Null for a booking that is not held.
 */
export const holdReminderAt = (b: Pick<Booking, 'status' | 'createdAt' | 'holdExpiresAt'>): string | null => {
  if (b.status !== 'held' || !b.holdExpiresAt) return null;
  const deadline = Date.parse(b.holdExpiresAt);
  const lead = Math.min(holdReminderLeadMs, (deadline - Date.parse(b.createdAt)) / 2);
  return new Date(deadline - Math.max(0, lead)).toISOString();
};

/** The actor recorded for changes nobody requested (hold expiry). */
export const systemActor = 'system';

/** Who holds a booking: its attendee, or its party (a booking has exactly one, which its type cannot say). */
export const holderIdOf = (b: Pick<Booking, 'attendeeId' | 'partyId'>): string =>
  (b.attendeeId ?? b.partyId) as string;

/** Live bookings occupy places; cancelled and expired ones have given theirs back. */
export const isLive = (status: BookingStatus): boolean => status === 'held' || status === 'confirmed';

/**
 * How a status change moves the session's counter: `from` loses the seats, `to` gains them.
 * `available` is where released places go back to.
 */
export const counterBucket = (status: BookingStatus): 'held' | 'confirmed' | 'available' =>
  status === 'held' ? 'held' : status === 'confirmed' ? 'confirmed' : 'available';

/** The key of a booking's current step: its history, audit and notification records carry it. */
export const recordId = (b: Pick<Booking, 'bookingId' | 'status'>): string => `${b.bookingId}#${b.status}`;
