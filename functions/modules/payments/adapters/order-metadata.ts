import type { OrderRef, PaymentOrder } from '../domain/model.js';

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
