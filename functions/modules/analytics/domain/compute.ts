import { formatLocalDate, utcToLocal } from '../../../kernel/domain/time/zoned.js';
import type { Booking, WaitlistEntry } from '../../bookings/index.js';
import type { FeedbackTotals } from '../../feedback/index.js';
import type { Admission } from '../../tickets/index.js';
import type {
  BookingCount,
  DayRegistrations,
  EventTotals,
  NoShowFigures,
  RevenueFigures,
  SessionAnalytics,
  WaitlistFigures,
} from './model.js';

/**
 * The pure part of analytics: from the facts of a session (its bookings, waitlist entries,
 * admissions, payment orders and feedback totals) to its figures, and from the sessions' figures
 * to the event's totals. Nothing here reads or writes.
 */

/** What a session's figures need of the session. */
export interface SessionFactsHead {
  sessionId: string;
  startsAt: string;
  endsAt: string;
  timezone: string;
  status: 'scheduled' | 'cancelled';
  capacity: number;
}

/** What the figures read of a payment order (the payments module's `PaymentOrder`). */
export interface OrderFacts {
  bookingId: string;
  paidAmount: number;
  refundedAmount: number;
  quote: { currency: string };
}

export interface SessionFacts {
  session: SessionFactsHead;
  bookings: readonly Pick<Booking, 'bookingId' | 'status' | 'seats' | 'createdAt'>[];
  entries: readonly Pick<WaitlistEntry, 'status' | 'offeredAt'>[];
  admissions: readonly Pick<Admission, 'bookingId' | 'state'>[];
  orders: readonly OrderFacts[];
  /** The session's feedback totals; undefined when it has none. */
  feedback: FeedbackTotals | undefined;
}

/** A ratio to four decimals; null when there is nothing to divide by. */
export const ratio = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

const zero = (): BookingCount => ({ bookings: 0, seats: 0 });

const countOf = (bookings: SessionFacts['bookings'], status: Booking['status']): BookingCount => {
  const of = bookings.filter((b) => b.status === status);
  return { bookings: of.length, seats: of.reduce((n, b) => n + b.seats, 0) };
};

/** Bookings made per local day where the session takes place, earliest day first. */
const registrationsOf = (bookings: SessionFacts['bookings'], timeZone: string): DayRegistrations[] => {
  const days = new Map<string, DayRegistrations>();
  for (const b of bookings) {
    const date = formatLocalDate(utcToLocal(Date.parse(b.createdAt), timeZone));
    const day = days.get(date) ?? { date, bookings: 0, seats: 0, confirmed: 0 };
    day.bookings += 1;
    day.seats += b.seats;
    if (b.status === 'confirmed') day.confirmed += 1;
    days.set(date, day);
  }
  return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
};

const waitlistOf = (entries: SessionFacts['entries']): WaitlistFigures => {
  const count = (...statuses: WaitlistEntry['status'][]) =>
    entries.filter((e) => statuses.includes(e.status)).length;
  // An entry was offered if an offer was ever made to it (an expired entry may never have been).
  const offered = entries.filter((e) => e.offeredAt !== null).length;
  const accepted = count('accepted');
  return {
    entries: entries.length,
    waiting: count('waiting'),
    offered,
    accepted,
    declined: count('declined'),
    expired: entries.filter((e) => e.status === 'expired' && e.offeredAt !== null).length,
    cancelled: count('cancelled', 'removed'),
    conversionRate: ratio(accepted, offered),
  };
};

const revenueOf = (orders: readonly OrderFacts[]): RevenueFigures => {
  const paid = orders.filter((o) => o.paidAmount > 0);
  const refunded = orders.filter((o) => o.refundedAmount > 0);
  const paidAmount = paid.reduce((n, o) => n + o.paidAmount, 0);
  const refundedAmount = refunded.reduce((n, o) => n + o.refundedAmount, 0);
  return {
    currency: paid[0]?.quote.currency ?? null,
    paidOrders: paid.length,
    paidAmount,
    refundedOrders: refunded.length,
    refundedAmount,
    netAmount: paidAmount - refundedAmount,
  };
};

/**
 * No-shows: confirmed bookings whose tickets never entered, once the session has ended, and only
 * where the door checked people in (no admission at all is no evidence that nobody came).
 */
const noShowsOf = (facts: SessionFacts, now: Date): NoShowFigures | null => {
  const { session, bookings, admissions } = facts;
  const ended = session.status === 'scheduled' && Date.parse(session.endsAt) <= now.getTime();
  if (!ended || admissions.length === 0) return null;
  const admitted = new Map<string, number>();
  for (const a of admissions) admitted.set(a.bookingId, (admitted.get(a.bookingId) ?? 0) + 1);
  const confirmed = bookings.filter((b) => b.status === 'confirmed');
  return {
    bookings: confirmed.filter((b) => !admitted.has(b.bookingId)).length,
    seats: confirmed.reduce((n, b) => n + Math.max(0, b.seats - (admitted.get(b.bookingId) ?? 0)), 0),
  };
};

/** A session's figures from its facts, as of `now`. */
export const sessionAnalyticsOf = (facts: SessionFacts, now: Date): SessionAnalytics => {
  const { session, bookings, admissions } = facts;
  const confirmed = countOf(bookings, 'confirmed');
  return {
    sessionId: session.sessionId,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    timezone: session.timezone,
    status: session.status,
    capacity: session.capacity,
    held: countOf(bookings, 'held'),
    confirmed,
    cancelled: countOf(bookings, 'cancelled'),
    expired: countOf(bookings, 'expired'),
    fillRate: ratio(confirmed.seats, session.capacity),
    registrationsByDay: registrationsOf(bookings, session.timezone),
    waitlist: waitlistOf(facts.entries),
    checkins: {
      usesCheckin: admissions.length > 0,
      admittedTickets: admissions.length,
      admittedBookings: new Set(admissions.map((a) => a.bookingId)).size,
      insideNow: admissions.filter((a) => a.state === 'in').length,
    },
    noShows: noShowsOf(facts, now),
    feedback: facts.feedback ?? null,
    revenue: revenueOf(facts.orders),
    computedAt: now.toISOString(),
  };
};

const addCounts = (parts: readonly BookingCount[]): BookingCount =>
  parts.reduce((sum, c) => ({ bookings: sum.bookings + c.bookings, seats: sum.seats + c.seats }), zero());

const sum = <T>(items: readonly T[], of: (item: T) => number): number =>
  items.reduce((n, item) => n + of(item), 0);

/** The event's totals: each figure added up over its sessions (rates recomputed from the sums). */
export const eventTotalsOf = (sessions: readonly SessionAnalytics[]): EventTotals => {
  const days = new Map<string, DayRegistrations>();
  for (const d of sessions.flatMap((s) => s.registrationsByDay)) {
    const day = days.get(d.date) ?? { date: d.date, bookings: 0, seats: 0, confirmed: 0 };
    day.bookings += d.bookings;
    day.seats += d.seats;
    day.confirmed += d.confirmed;
    days.set(d.date, day);
  }
  const confirmed = addCounts(sessions.map((s) => s.confirmed));
  const capacity = sum(sessions, (s) => s.capacity);
  const w = sessions.map((s) => s.waitlist);
  const offered = sum(w, (x) => x.offered);
  const accepted = sum(w, (x) => x.accepted);
  const withNoShows = sessions.flatMap((s) => (s.noShows ? [s.noShows] : []));
  const r = sessions.map((s) => s.revenue);
  const paidAmount = sum(r, (x) => x.paidAmount);
  const refundedAmount = sum(r, (x) => x.refundedAmount);
  return {
    sessions: sessions.length,
    capacity,
    held: addCounts(sessions.map((s) => s.held)),
    confirmed,
    cancelled: addCounts(sessions.map((s) => s.cancelled)),
    expired: addCounts(sessions.map((s) => s.expired)),
    fillRate: ratio(confirmed.seats, capacity),
    registrationsByDay: [...days.values()].sort((a, b) => a.date.localeCompare(b.date)),
    waitlist: {
      entries: sum(w, (x) => x.entries),
      waiting: sum(w, (x) => x.waiting),
      offered,
      accepted,
      declined: sum(w, (x) => x.declined),
      expired: sum(w, (x) => x.expired),
      cancelled: sum(w, (x) => x.cancelled),
      conversionRate: ratio(accepted, offered),
    },
    checkins: {
      sessionsWithCheckin: sessions.filter((s) => s.checkins.usesCheckin).length,
      admittedTickets: sum(sessions, (s) => s.checkins.admittedTickets),
      admittedBookings: sum(sessions, (s) => s.checkins.admittedBookings),
      insideNow: sum(sessions, (s) => s.checkins.insideNow),
    },
    noShows:
      withNoShows.length === 0
        ? null
        : { bookings: sum(withNoShows, (n) => n.bookings), seats: sum(withNoShows, (n) => n.seats) },
    revenue: {
      currency: r.find((x) => x.currency !== null)?.currency ?? null,
      paidOrders: sum(r, (x) => x.paidOrders),
      paidAmount,
      refundedOrders: sum(r, (x) => x.refundedOrders),
      refundedAmount,
      netAmount: paidAmount - refundedAmount,
    },
  };
};
