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
  status: BookingStatus;
  paymentStatus: PaymentStatus;
  /** While `held`: when the hold lapses. */
  holdExpiresAt: string | null;
  /** The signed-in user who made the booking (the attendee, or staff on their behalf). */
  bookedBy: string;
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
