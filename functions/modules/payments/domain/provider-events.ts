import type { OrderRef, ProviderName } from './model.js';

/**
 * A provider's webhook event after its signature was verified, reduced to what it does to an
 * order. The order is named by the metadata (Stripe) or notes (Razorpay) set when it was made;
 * a dispute carries neither, so the adapter reads them from the disputed payment's PaymentIntent
 * (Stripe) or order (Razorpay).
 */
export type EventEffect =
  | {
      kind: 'payment_succeeded';
      order: OrderRef;
      /** The PaymentIntent (Stripe) or payment (Razorpay) id: one payment is recorded once. */
      providerTransactionId: string;
      amount: number;
      currency: string;
    }
  | { kind: 'payment_failed'; order: OrderRef; providerTransactionId: string; reason: string }
  | {
      kind: 'refund_succeeded';
      order: OrderRef;
      /** The provider's refund id. */
      providerTransactionId: string;
      amount: number;
      currency: string;
      /** Set on refunds this backend asked for: the request it completes. */
      requestId: string | null;
    }
  | {
      /** A dispute (chargeback) the buyer's bank opened: the provider took `amount` back. */
      kind: 'chargeback';
      order: OrderRef;
      /** The provider's dispute id: one dispute is recorded once. */
      providerTransactionId: string;
      /**
       * The disputed payment (PaymentIntent or Razorpay payment): the chargeback is applied only to
       * the order that recorded this payment.
       */
      paymentId: string;
      amount: number;
      currency: string;
      /** The provider's reason (Stripe `reason`, Razorpay `reason_code`). */
      reason: string;
    }
  /** An event type this backend does not act on: stored and acknowledged. */
  | { kind: 'ignored' };

export interface ProviderEvent {
  provider: ProviderName;
  /** The provider's event id: a delivery repeated by the provider carries the same one. */
  eventId: string;
  /** The provider's event type, as sent. */
  type: string;
  effect: EventEffect;
}

/** What a stored webhook receipt came to: applied, nothing to apply, or a failure staff can retry. */
export type ReceiptStatus = 'received' | 'applied' | 'ignored' | 'failed';

export interface WebhookReceipt extends ProviderEvent {
  status: ReceiptStatus;
  /** Why applying it failed (status `failed`), for staff. */
  error: string | null;
  /** Set once the order is known, so staff of that organization can list it. */
  orgId: string | null;
  /** Times the sweep handed it to the inbox again because it stayed `received` (see receipt-sweep.ts). */
  handoffs: number;
  receivedAt: string;
  updatedAt: string;
}

export const orderOf = (e: EventEffect): OrderRef | null => (e.kind === 'ignored' ? null : e.order);
