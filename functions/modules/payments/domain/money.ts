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
