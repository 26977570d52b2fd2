import type { Averages, FeedbackTotals } from '../../feedback/index.js';

/**
 * An event's analytics: figures per session, computed from the facts other modules store
 * (bookings, waitlist entries, admissions, payment orders, feedback totals), kept as a snapshot
 * and read back with the event's totals added up (docs/analytics.md).
 */

/** Bookings in one state and the seats they hold. */
export interface BookingCount {
  bookings: number;
  seats: number;
}

/** The bookings made on one day (the venue's local date), whatever became of them. */
export interface DayRegistrations {
  /** YYYY-MM-DD in the session's time zone. */
  date: string;
  bookings: number;
  seats: number;
  /** Of those, the bookings confirmed now. */
  confirmed: number;
}

export interface WaitlistFigures {
  entries: number;
  waiting: number;
  /** Entries that were ever offered places (offered now, accepted, declined or expired). */
  offered: number;
  /** Offers taken: entries that became bookings. */
  accepted: number;
  declined: number;
  /** Offers that lapsed unanswered. */
  expired: number;
  /** Entries that left the line (`cancelled`) or were taken off it by staff (`removed`). */
  cancelled: number;
  /** accepted / offered, to four decimals; null when nothing was offered. */
  conversionRate: number | null;
}

export interface CheckinFigures {
  /** Whether any ticket of the session was ever admitted: the door checks people in there. */
  usesCheckin: boolean;
  /** Tickets that entered at least once. */
  admittedTickets: number;
  /** Bookings with at least one ticket that entered. */
  admittedBookings: number;
  /** Tickets inside now (their last move an entry). */
  insideNow: number;
}

export interface NoShowFigures {
  /** Confirmed bookings none of whose tickets entered. */
  bookings: number;
  /** Confirmed seats whose tickets never entered. */
  seats: number;
}

/** Money of the orders (minor units of the event's one currency). */
export interface RevenueFigures {
  /** The orders' currency; null when the session has no paid order. */
  currency: string | null;
  /** Orders with money received. */
  paidOrders: number;
  paidAmount: number;
  /** Orders with money given back (refunds and chargebacks). */
  refundedOrders: number;
  refundedAmount: number;
  /** paidAmount - refundedAmount. */
  netAmount: number;
}

/** A session's figures as stored. */
export interface SessionAnalytics {
  sessionId: string;
  startsAt: string;
  endsAt: string;
  timezone: string;
  status: 'scheduled' | 'cancelled';
  capacity: number;
  held: BookingCount;
  confirmed: BookingCount;
  cancelled: BookingCount;
  expired: BookingCount;
  /** Confirmed seats / capacity, to four decimals; null when the capacity is 0. */
  fillRate: number | null;
  registrationsByDay: DayRegistrations[];
  waitlist: WaitlistFigures;
  checkins: CheckinFigures;
  /** Only once the session has ended and the door checked people in; null otherwise. */
  noShows: NoShowFigures | null;
  /**
   * The sums and counts of the session's ratings (averages add up from them, not from averages);
   * null when it has no feedback.
   */
  feedback: FeedbackTotals | null;
  revenue: RevenueFigures;
  computedAt: string;
}

/** What is kept for the event itself beside its sessions' figures. */
export interface EventAnalyticsHead {
  orgId: string;
  eventId: string;
  /** The totals of the feedback on the event as a whole (not on one session); null when none. */
  eventFeedback: FeedbackTotals | null;
  /** When the snapshot was last written (a refresh, or the nightly run). */
  computedAt: string;
}

/** A session's figures as read: feedback as averages. */
export type SessionAnalyticsView = Omit<SessionAnalytics, 'feedback'> & { feedback: Averages };

export interface EventTotals {
  sessions: number;
  capacity: number;
  held: BookingCount;
  confirmed: BookingCount;
  cancelled: BookingCount;
  expired: BookingCount;
  fillRate: number | null;
  registrationsByDay: DayRegistrations[];
  waitlist: WaitlistFigures;
  checkins: Omit<CheckinFigures, 'usesCheckin'> & { sessionsWithCheckin: number };
  /** Added up over the sessions that have no-show figures; null when none has. */
  noShows: NoShowFigures | null;
  revenue: RevenueFigures;
}

export interface EventAnalytics {
  orgId: string;
  eventId: string;
  computedAt: string;
  totals: EventTotals;
  feedback: {
    /** All the event's feedback: its sessions' and that on the event as a whole. */
    all: Averages;
    eventLevel: Averages;
  };
  sessions: SessionAnalyticsView[];
}
