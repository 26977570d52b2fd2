import type { OrderRef, PaymentOrder } from '../domain/model.js';
import type { EventEffect } from '../domain/provider-events.js';

/**
 * What we attach to the provider's objects (Stripe metadata, Razorpay notes) so that a webhook
 * names the order it concerns without a lookup table.
 */
export const metadataOf = (order: PaymentOrder): Record<string, string> => ({
  orgId: order.orgId,
  sessionId: order.sessionId,
  bookingId: order.bookingId,
  orderId: order.orderId,
});

/** The order a provider object names, or null when it was not made by this backend. */
export const orderRefOf = (metadata: Record<string, unknown> | null | undefined): OrderRef | null => {
  const { orgId, sessionId, bookingId } = metadata ?? {};
  return typeof orgId === 'string' && typeof sessionId === 'string' && typeof bookingId === 'string'
    ? { orgId, sessionId, bookingId }
    : null;
};

/** A provider's refund as an effect; `requestId` is ours when this backend asked for the refund. */
export const refundSucceeded = (
  order: OrderRef,
  refund: { id: string; amount: number; currency: string },
  requestId: unknown,
): EventEffect => ({
  kind: 'refund_succeeded',
  order,
  providerTransactionId: refund.id,
  amount: refund.amount,
  currency: refund.currency.toUpperCase(),
  requestId: typeof requestId === 'string' ? requestId : null,
});

/** A provider's successful payment as an effect. */
export const paymentSucceeded = (
  order: OrderRef,
  payment: { id: string; amount: number; currency: string },
): EventEffect => ({
  kind: 'payment_succeeded',
  order,
  providerTransactionId: payment.id,
  amount: payment.amount,
  currency: payment.currency.toUpperCase(),
});

/** A provider's dispute of `paymentId` as an effect: the money it took back from the order. */
export const chargebackOf = (
  order: OrderRef,
  dispute: { id: string; paymentId: string; amount: number; currency: string; reason: string },
): EventEffect => ({
  kind: 'chargeback',
  order,
  providerTransactionId: dispute.id,
  paymentId: dispute.paymentId,
  amount: dispute.amount,
  currency: dispute.currency.toUpperCase(),
  reason: dispute.reason,
});
