import type { Quote } from '../../pricing/index.js';

/**
 * Payments of held bookings. One payment order per booking, priced by a quote; the provider's
 * payments and refunds are recorded as transactions; webhook receipts are what providers told us.
 */

export type ProviderName = 'stripe' | 'razorpay';

/**
 * `pending` until money arrives (`paid`), the provider refuses an attempt (`failed`, which a later
 * attempt can still turn into `paid`) or the hold lapses unpaid (`expired`); a paid order may then
 * be `partially_refunded` or `refunded`.
 */
export type OrderStatus = 'pending' | 'paid' | 'failed' | 'expired' | 'partially_refunded' | 'refunded';

/** What a payment order charges: the pricing module's quote, with its lines, fixed when the order is made. */
export type { Quote };

export interface PaymentOrder {
  orgId: string;
  sessionId: string;
  bookingId: string;
  eventId: string;
  orderId: string;
  provider: ProviderName;
  quote: Quote;
  status: OrderStatus;
  /** The provider's id of what the buyer pays: a Stripe PaymentIntent, a Razorpay order. */
  providerOrderId: string | null;
  /** Received, and given back so far by refunds and chargebacks (sums of the order's transactions). */
  paidAmount: number;
  refundedAmount: number;
  /** Refunds asked of the provider and not yet recorded: reserved, so refunds never exceed payments. */
  refundPending: number;
  failureReason: string | null;
  /** The hold's deadline when the order was made: the reconciler looks at pending orders past it. */
  expiresAt: string;
  /** A payment that came after the hold lapsed, waiting for staff (the event's `review` policy). */
  review: 'late_payment' | null;
  /**
   * Set when the booking was cancelled with its money still held (its session was cancelled): the
   * reconciler refunds what is left, and a full refund clears it.
   */
  refundOwedSince: string | null;
  createdAt: string;
  updatedAt: string;
}

export type TransactionKind = 'payment' | 'refund' | 'chargeback';

/** One movement of money as the provider reported it; keyed by the provider's id, so recorded once. */
export interface PaymentTransaction {
  orgId: string;
  sessionId: string;
  bookingId: string;
  orderId: string;
  kind: TransactionKind;
  provider: ProviderName;
  /** The provider's id: a PaymentIntent or Razorpay payment for payments, a refund id for refunds. */
  providerTransactionId: string;
  amount: number;
  currency: string;
  at: string;
}

export type RefundStatus = 'requested' | 'succeeded' | 'failed';

/** One refund asked for (by staff, by an attendee cancelling in time, or by the late-payment policy). */
export interface RefundRequest {
  orgId: string;
  sessionId: string;
  bookingId: string;
  orderId: string;
  /** The caller's id for this request: asking twice with it refunds once. */
  requestId: string;
  amount: number;
  reason: string;
  status: RefundStatus;
  providerRefundId: string | null;
  failureReason: string | null;
  requestedBy: string;
  createdAt: string;
  updatedAt: string;
}

/** Identifies a payment order: one per booking. */
export interface OrderRef {
  orgId: string;
  sessionId: string;
  bookingId: string;
}

/** The actor recorded for changes providers cause. */
export const providerActor = (provider: ProviderName): string => `provider:${provider}`;
