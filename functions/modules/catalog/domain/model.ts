/**
 * The catalog: what an organizer sets up before anyone books. Times are ISO 8601 strings in UTC
 * unless a field says it is venue-local.
 */

export interface Room {
  roomId: string;
  name: string;
  capacity: number | null;
}

export interface GeoPoint {
  lat: number;
  lng: number;
}

export interface Venue {
  orgId: string;
  venueId: string;
  name: string;
  address: string;
  city: string;
  /** IANA time zone, e.g. Europe/Berlin: sessions are shown and recurring series laid out in it. */
  timezone: string;
  geo: GeoPoint | null;
  type: string | null;
  rooms: Room[];
  /** The member (user id) who manages the venue. */
  managerId: string | null;
  /** Set while a cascade delete of the venue runs; the venue refuses every other change. */
  deleting: boolean;
  createdAt: string;
  updatedAt: string;
}

export type EventStatus = 'draft' | 'published' | 'postponed' | 'cancelled' | 'completed';
export type Visibility = 'public' | 'private';
export type Admission = 'open' | 'approval';

/** Free, or an amount in minor units (cents) of an ISO 4217 currency. */
export type Price = { kind: 'free' } | { kind: 'paid'; amountMinor: number; currency: string };

/** Per-event rules the booking engine and waitlist read; each has a default. */
export interface EventSettings {
  /** Most seats one booking may take. */
  maxSeatsPerBooking: number;
  /** Most live (held or confirmed) bookings one holder (attendee or party) may have in one session. */
  bookingsPerAttendee: number;
  /** How long a held booking of a priced event waits for payment. */
  holdMinutes: number;
  /** Attendees may cancel until this many minutes before the session starts. */
  cancelCutoffMinutes: number;
  waitlistPolicy: 'fifo' | 'fit';
  /** `fit` policy: how often an entry may be passed over before it blocks those behind it. */
  waitlistMaxSkips: number;
  offerMinutes: number;
  /** No offers are made later than this many minutes before the session starts. */
  offerCutoffMinutes: number;
  /** What an expired offer does: end the entry, or put it back at the end of the line. */
  offerExpiry: 'expire' | 'requeue';
  /**
   * A payment that arrives after its hold lapsed: confirm the booking again if the places are still
   * free (else refund), refund it, or keep it for staff to decide.
   */
  latePayment: 'accept_if_available' | 'refund' | 'review';
  /** Attendees who cancel a paid booking at least this many minutes before the session are refunded. */
  refundCutoffMinutes: number;
  /**
   * Ticket codes: `static` (printable, scannable offline) or `rotating` (the app shows a code that
   * changes every 30 seconds; static codes are then refused, so a forwarded screenshot fails).
   */
  ticketCodes: 'static' | 'rotating';
  /**
   * Controlled overbooking: the nightly run may add up to this share (percent) of a
   * general-admission session's places for the no-shows its forecast expects (never more than the
   * lower end of the no-show forecast, never beyond the room's capacity). 0, the default, is off.
   */
  overbookingPercent: number;
  /** Doors open this many minutes before a session starts (they close when it ends). */
  checkinOpensMinutesBefore: number;
  /** Whether someone who went out may come in again. */
  checkinReentry: boolean;
  /** How long the places an approved join request reserves wait for the attendee to book them. */
  requestHoldMinutes: number;
  /** Who may come (checked when a request is made and when a booking is). */
  guestRules: GuestRules;
}

/** An event's guest rules; each refusal names the rule (GUEST_RULE, `details.rule`). */
export interface GuestRules {
  /** Off: a booking or request is for one place, never a party. */
  plusOnes: boolean;
  /** The self-declared genders (attendee `gender`) admitted; null admits everyone. */
  allowedGenders: string[] | null;
}

export interface Event {
  orgId: string;
  eventId: string;
  venueId: string;
  /** The member (user id) hosting the event. */
  hostId: string | null;
  title: string;
  description: string;
  defaultDurationMinutes: number;
  defaultCapacity: number;
  visibility: Visibility;
  admission: Admission;
  price: Price;
  tags: string[];
  /** Interests of the tenant's catalog the event belongs to (seed 002 EVENT_INTEREST_MAP; discovery). */
  interestIds: string[];
  coverImageUrls: string[];
  /** The event's announced span (UTC); lists filter and sort by `startsAt`. */
  startsAt: string | null;
  endsAt: string | null;
  settings: EventSettings;
  /** How many ticket categories the event sells (the pricing module keeps it): 0 sells at `price`. */
  categoryCount: number;
  status: EventStatus;
  /** Set while a cascade delete of the event runs; the event refuses every other change. */
  deleting: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Where an event may go from each status; cancelled and completed are final. */
export const eventTransitions: Record<EventStatus, readonly EventStatus[]> = {
  draft: ['published', 'cancelled'],
  published: ['postponed', 'cancelled', 'completed'],
  postponed: ['published', 'cancelled'],
  cancelled: [],
  completed: [],
};

/**
 * A booking transaction carries the counter, the booking, one seat item per seat and its audit and
 * outbox items; 10 seats keep it well inside DynamoDB's 100 items per transaction.
 */
export const maxSeatsPerBookingLimit = 10;
/** The hard maximum of an event's `overbookingPercent`. */
export const maxOverbookingPercent = 20;
/** The highest `bookingsPerAttendee` an event may set. */
export const maxBookingsPerAttendee = 1000;

export const defaultEventSettings: EventSettings = {
  maxSeatsPerBooking: maxSeatsPerBookingLimit,
  bookingsPerAttendee: 1,
  holdMinutes: 15,
  cancelCutoffMinutes: 60,
  waitlistPolicy: 'fifo',
  waitlistMaxSkips: 3,
  offerMinutes: 30,
  offerCutoffMinutes: 60,
  offerExpiry: 'expire',
  overbookingPercent: 0,
  latePayment: 'accept_if_available',
  refundCutoffMinutes: 1440,
  ticketCodes: 'static',
  checkinOpensMinutesBefore: 60,
  checkinReentry: true,
  requestHoldMinutes: 1440,
  guestRules: { plusOnes: true, allowedGenders: null },
};

/** What the tenant-wide listing of published public events shows to attendee apps. */
export type PublicEvent = Pick<
  Event,
  | 'orgId'
  | 'eventId'
  | 'venueId'
  | 'title'
  | 'description'
  | 'startsAt'
  | 'endsAt'
  | 'tags'
  | 'coverImageUrls'
  | 'price'
  | 'admission'
>;
