import { describe, expect, it } from 'vitest';
import {
  eventTotalsOf,
  type SessionFacts,
  sessionAnalyticsOf,
} from '../../functions/modules/analytics/domain/compute.js';
import { analyticsCsvColumns, analyticsCsvRows } from '../../functions/modules/analytics/domain/export.js';
import { eventAnalyticsOf } from '../../functions/modules/analytics/domain/view.js';
import {
  addTotals,
  emptyTotals,
  type FeedbackTotals,
} from '../../functions/modules/feedback/domain/model.js';

/** The pure figures of a session and of its event, from hand-made facts. */

const now = new Date('2026-11-21T12:00:00.000Z');

const session = (over: Partial<SessionFacts['session']> = {}): SessionFacts['session'] => ({
  sessionId: 'ses_a',
  startsAt: '2026-11-20T18:00:00.000Z',
  endsAt: '2026-11-20T20:00:00.000Z',
  timezone: 'Asia/Kolkata',
  status: 'scheduled',
  capacity: 10,
  ...over,
});

type B = SessionFacts['bookings'][number];
const booking = (bookingId: string, status: B['status'], seats: number, createdAt: string): B => ({
  bookingId,
  status,
  seats,
  createdAt,
});

const totals = (sessionId: string | null, overall: number[]): FeedbackTotals => {
  const t = emptyTotals(sessionId);
  t.count = overall.length;
  t.ratings.overall = { sum: overall.reduce((a, b) => a + b, 0), count: overall.length };
  return t;
};

const facts = (over: Partial<SessionFacts> = {}): SessionFacts => ({
  session: session(),
  bookings: [
    // 20:00 UTC on the 18th is 01:30 on the 19th in Kolkata: the venue's day counts.
    booking('b1', 'confirmed', 2, '2026-11-18T20:00:00.000Z'),
    booking('b2', 'confirmed', 3, '2026-11-18T10:00:00.000Z'),
    booking('b3', 'cancelled', 1, '2026-11-18T11:00:00.000Z'),
    booking('b4', 'expired', 4, '2026-11-19T11:00:00.000Z'),
    booking('b5', 'held', 1, '2026-11-19T12:00:00.000Z'),
  ],
  entries: [
    { status: 'accepted', offeredAt: '2026-11-19T00:00:00.000Z' },
    { status: 'expired', offeredAt: '2026-11-19T00:00:00.000Z' },
    { status: 'declined', offeredAt: '2026-11-19T00:00:00.000Z' },
    { status: 'offered', offeredAt: '2026-11-19T00:00:00.000Z' },
    { status: 'waiting', offeredAt: null },
    { status: 'cancelled', offeredAt: null },
    { status: 'removed', offeredAt: null },
  ],
  admissions: [
    { bookingId: 'b2', state: 'in' },
    { bookingId: 'b2', state: 'out' },
  ],
  orders: [
    { bookingId: 'b1', paidAmount: 2000, refundedAmount: 0, quote: { currency: 'INR' } },
    { bookingId: 'b3', paidAmount: 1000, refundedAmount: 1000, quote: { currency: 'INR' } },
    { bookingId: 'b4', paidAmount: 0, refundedAmount: 0, quote: { currency: 'INR' } },
  ],
  feedback: totals('ses_a', [4, 5]),
  ...over,
});

describe('a session', () => {
  const a = sessionAnalyticsOf(facts(), now);

  it('counts bookings and seats by state, and fills by confirmed seats', () => {
    expect(a.confirmed).toEqual({ bookings: 2, seats: 5 });
    expect(a.held).toEqual({ bookings: 1, seats: 1 });
    expect(a.cancelled).toEqual({ bookings: 1, seats: 1 });
    expect(a.expired).toEqual({ bookings: 1, seats: 4 });
    expect(a.fillRate).toBe(0.5);
  });

  it("counts registrations per day in the venue's time zone", () => {
    expect(a.registrationsByDay).toEqual([
      { date: '2026-11-18', bookings: 2, seats: 4, confirmed: 1 },
      { date: '2026-11-19', bookings: 3, seats: 7, confirmed: 1 },
    ]);
  });

  it('converts the waitlist by offers taken', () => {
    expect(a.waitlist).toEqual({
      entries: 7,
      waiting: 1,
      offered: 4,
      accepted: 1,
      declined: 1,
      expired: 1,
      cancelled: 2,
      conversionRate: 0.25,
    });
  });

  it('counts check-ins per ticket and no-shows per confirmed booking and seat', () => {
    expect(a.checkins).toEqual({ usesCheckin: true, admittedTickets: 2, admittedBookings: 1, insideNow: 1 });
    // b1 (2 seats) never came; b2 came with 2 of its 3 tickets.
    expect(a.noShows).toEqual({ bookings: 1, seats: 3 });
  });

  it('adds up money received and given back', () => {
    expect(a.revenue).toEqual({
      currency: 'INR',
      paidOrders: 2,
      paidAmount: 3000,
      refundedOrders: 1,
      refundedAmount: 1000,
      netAmount: 2000,
    });
    expect(a.computedAt).toBe(now.toISOString());
  });

  it('has no no-shows before it ends, nor where the door checked nobody in', () => {
    const before = new Date('2026-11-20T19:00:00.000Z');
    expect(sessionAnalyticsOf(facts(), before).noShows).toBeNull();
    expect(sessionAnalyticsOf(facts({ admissions: [] }), now).noShows).toBeNull();
    expect(sessionAnalyticsOf(facts({ admissions: [] }), now).checkins.usesCheckin).toBe(false);
  });

  it('has no rates where there is nothing to divide by', () => {
    const empty = sessionAnalyticsOf(
      facts({
        session: session({ capacity: 0 }),
        bookings: [],
        entries: [],
        orders: [],
        feedback: undefined,
      }),
      now,
    );
    expect(empty.fillRate).toBeNull();
    expect(empty.waitlist.conversionRate).toBeNull();
    expect(empty.revenue.currency).toBeNull();
    expect(empty.feedback).toBeNull();
  });
});

describe('the event', () => {
  const a = sessionAnalyticsOf(facts(), now);
  const b = sessionAnalyticsOf(
    facts({
      session: session({ sessionId: 'ses_b', startsAt: '2026-11-19T18:00:00.000Z', capacity: 30 }),
      bookings: [booking('c1', 'confirmed', 5, '2026-11-19T06:00:00.000Z')],
      entries: [{ status: 'accepted', offeredAt: '2026-11-19T00:00:00.000Z' }],
      admissions: [],
      orders: [],
      feedback: totals('ses_b', [2]),
    }),
    now,
  );
  const head = {
    orgId: 'org_a',
    eventId: 'evt_a',
    eventFeedback: totals(null, [3]),
    computedAt: now.toISOString(),
  };

  it('adds its sessions up, rates from the sums', () => {
    const t = eventTotalsOf([a, b]);
    expect(t.capacity).toBe(40);
    expect(t.confirmed).toEqual({ bookings: 3, seats: 10 });
    expect(t.fillRate).toBe(0.25);
    expect(t.registrationsByDay).toEqual([
      { date: '2026-11-18', bookings: 2, seats: 4, confirmed: 1 },
      { date: '2026-11-19', bookings: 4, seats: 12, confirmed: 2 },
    ]);
    expect(t.waitlist.offered).toBe(5);
    expect(t.waitlist.accepted).toBe(2);
    expect(t.waitlist.conversionRate).toBe(0.4);
    expect(t.checkins.sessionsWithCheckin).toBe(1);
    // Only the session with door data has no-shows.
    expect(t.noShows).toEqual({ bookings: 1, seats: 3 });
    expect(t.revenue.netAmount).toBe(2000);
  });

  it('reads back sessions in time order, feedback averaged from the summed totals', () => {
    const view = eventAnalyticsOf(head, [a, b]);
    expect(view.sessions.map((s) => s.sessionId)).toEqual(['ses_b', 'ses_a']);
    expect(view.sessions[1]?.feedback.ratings.overall.mean).toBe(4.5);
    // (4 + 5 + 2 + 3) / 4, not the mean of the means.
    const all = addTotals(null, [totals(null, [3]), totals('ses_a', [4, 5]), totals('ses_b', [2])]);
    expect(view.feedback.all.count).toBe(all.count);
    expect(view.feedback.all.ratings.overall.mean).toBe(3.5);
    expect(view.feedback.eventLevel.ratings.overall.mean).toBe(3);
  });

  it('exports one CSV row per session and a total row', () => {
    const rows = analyticsCsvRows(eventAnalyticsOf({ ...head, eventFeedback: null }, [a, b]));
    expect(rows.map((r) => r.row)).toEqual(['session', 'session', 'total']);
    expect(rows.every((r) => Object.keys(r).length === analyticsCsvColumns.length)).toBe(true);
    expect(rows[2]).toMatchObject({ confirmedSeats: 10, fillRate: 0.25, feedbackCount: 3, netAmount: 2000 });
    expect(rows[1]).toMatchObject({ sessionId: 'ses_a', noShowSeats: 3, overallRating: 4.5 });
  });
});
