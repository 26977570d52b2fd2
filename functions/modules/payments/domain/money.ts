import type { Booking } from '../../bookings/index.js';
import type { PaymentOrder, PaymentTransaction, TransactionKind } from './model.js';

/** A movement of money on `order`, as the provider named it. */
export const transactionOf = (
  order: PaymentOrder,
  kind: TransactionKind,
  providerTransactionId: string,
  amount: number,
  at: string,
): PaymentTransaction => ({
  orgId: order.orgId,
  sessionId: order.sessionId,
  bookingId: order.bookingId,
  orderId: order.orderId,
  kind,
  provider: order.provider,
  providerTransactionId,
  amount,
  currency: order.quote.currency,
  at,
});

/** What may still be refunded: paid, less refunded, less refunds asked and not yet recorded. */
export const refundable = (o: PaymentOrder): number => o.paidAmount - o.refundedAmount - o.refundPending;

/** Thrown where waiting will help (a refund before its payment): the queue redelivers later. */
export class NotYet extends Error {}

/**
 * What money given back (a refund or a chargeback of `amount`) does: the order counts it in
 * `refundedAmount`; once all of it is back the order is `refunded`, nothing is left to decide
 * (a late payment) or owed, a confirmed booking is to be cancelled (`cancels`), and a booking
 * cancelled earlier with its money kept is to be marked refunded (`refundedBooking`).
 */
export const givenBack = (order: PaymentOrder, booking: Booking | null, amount: number, at: string) => {
  const refundedAmount = order.refundedAmount + amount;
  const full = refundedAmount >= order.paidAmount;
  const next: PaymentOrder = {
    ...order,
    status: full ? 'refunded' : 'partially_refunded',
    refundedAmount,
    review: full ? null : order.review,
    refundOwedSince: full ? null : order.refundOwedSince,
    updatedAt: at,
  };
  return {
    next,
    cancels: full && booking?.status === 'confirmed',
    refundedBooking:
      full && booking?.status === 'cancelled' && booking.paymentStatus === 'paid' ? booking : null,
  };
};
