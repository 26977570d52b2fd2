import { type SessionCheck, violation } from './check-types.js';
import type { OrderItem } from './money-items.js';
import type { BookingItem, SessionSnapshot } from './snapshot.js';

/**
 * Money against bookings: money received is for a booking that has its places (or went back),
 * and a booking that says it is paid agrees with its order.
 *
 * Unlike the other invariants, the first is not kept by one transaction: a payment that comes
 * after the hold lapsed is recorded first, then refunded through the provider (the event's
 * late-payment policy). So a paid order of a cancelled or expired booking is given `graceMs` after
 * the later of their last changes before it is reported; a refund still unfinished then is stuck.
 */

/**
 * Room for the late-payment refund, asked right after the payment is recorded: the Stripe client
 * tries up to three times, 80 s each at worst, before the refund is recorded or released.
 */
export const DEFAULT_REFUND_GRACE_MS = 5 * 60_000;

export interface MoneyCheckOptions {
  /** How long a paid order of a released booking may wait for its refund. */
  graceMs: number;
  now: Date;
}

/** Statuses of an order that received money (check `order-status-matches-amounts` ties them to amounts). */
export const holdsMoney = (o: OrderItem): boolean =>
  o.status === 'paid' || o.status === 'partially_refunded' || o.status === 'refunded';

export const ordersByBooking = (s: SessionSnapshot): Map<string, OrderItem> =>
  new Map((s.orders ?? []).map((o) => [o.bookingId, o]));

const lastChange = (o: OrderItem, b: BookingItem): number =>
  Math.max(Date.parse(o.updatedAt) || 0, Date.parse(b.updatedAt ?? '') || 0);

export const paidOrderHasBooking = ({ graceMs, now }: MoneyCheckOptions): SessionCheck => ({
  name: 'paid-order-has-booking',
  rule:
    'an order that received money has its booking, and the booking is confirmed, or cancelled or expired ' +
    `with the order refunded (after ${graceMs / 1000} s), or the order is flagged for late-payment review`,
  run: (s) => {
    const bookings = new Map(s.bookings.map((b) => [b.bookingId, b]));
    return (s.orders ?? []).filter(holdsMoney).flatMap((o) => {
      if (o.review === 'late_payment') return [];
      const at = { bookingId: o.bookingId };
      const money = `order ${o.orderId} is ${o.status} (received ${o.paidAmount}, refunded ${o.refundedAmount})`;
      const b = bookings.get(o.bookingId);
      if (!b) return [violation('paid-order-has-booking', s, `${money}, its booking is missing`, at)];
      if (b.status === 'confirmed') return [];
      const released = b.status === 'cancelled' || b.status === 'expired';
      if (released && o.status === 'refunded') return [];
      // Only a released booking waits for a refund; a held one is confirmed in the payment's own
      // transaction, so money beside a held booking is wrong at once.
      if (released && lastChange(o, b) > now.getTime() - graceMs) return [];
      return [
        violation(
          'paid-order-has-booking',
          s,
          `${money}, booking is ${b.status}: not confirmed, not refunded, not flagged for review`,
          at,
        ),
      ];
    });
  },
});

/**
 * Legacy and staff: a held booking staff confirm (before payments existed, or paid in cash) is
 * marked paid with no order at all. Nothing says what it was paid, so there is nothing to check it
 * against; the report counts these (`paidWithoutOrder`) rather than failing on them. A booking
 * that has an order must agree with it.
 */
export const paidBookingHasPaidOrder: SessionCheck = {
  name: 'paid-booking-has-paid-order',
  rule: 'a confirmed booking with a payment order is marked paid and its order is paid or partially refunded',
  run: (s) => {
    const orders = ordersByBooking(s);
    return s.bookings
      .filter((b) => b.status === 'confirmed' && orders.has(b.bookingId))
      .flatMap((b) => {
        const o = orders.get(b.bookingId) as OrderItem;
        const agrees =
          b.paymentStatus === 'paid' && (o.status === 'paid' || o.status === 'partially_refunded');
        if (agrees) return [];
        return [
          violation(
            'paid-booking-has-paid-order',
            s,
            `confirmed booking, payment ${b.paymentStatus ?? 'none'}, order ${o.orderId} is ${o.status}`,
            { bookingId: b.bookingId },
          ),
        ];
      });
  },
};

/** Confirmed bookings marked paid without any order (see above): counted, not checked. */
export const paidWithoutOrder = (s: SessionSnapshot): number => {
  const orders = ordersByBooking(s);
  return s.bookings.filter(
    (b) => b.status === 'confirmed' && b.paymentStatus === 'paid' && !orders.has(b.bookingId),
  ).length;
};
