import type { Page, PageRequest } from '../../../kernel/domain/types.js';
import type { Booking, BookingTransition } from '../../bookings/index.js';
import type { OrderRef, PaymentOrder, PaymentTransaction, ProviderName, RefundRequest } from './model.js';
import type { ProviderEvent, ReceiptStatus, WebhookReceipt } from './provider-events.js';
import type { FeeSetting } from './quote.js';

/** What a client needs to pay an order with its provider. */
export interface Checkout {
  provider: ProviderName;
  /** The PaymentIntent id (Stripe) or order id (Razorpay). */
  providerOrderId: string;
  /** Stripe: the PaymentIntent's client secret for Stripe.js; read from Stripe, never stored. */
  clientSecret: string | null;
  /** Razorpay: the public key id the checkout form needs. */
  keyId: string | null;
  /** A page that takes the payment (the local provider's checkout); null with real providers. */
  checkoutUrl: string | null;
}

/** Raw webhook input: the exact bytes the provider signed, and the request headers (lower-case). */
export interface WebhookInput {
  rawBody: Buffer;
  headers: Readonly<Record<string, string | undefined>>;
}

/** A successful payment as the provider reports it. */
export interface ProviderPayment {
  providerTransactionId: string;
  amount: number;
  currency: string;
}

/** A refund to ask of the provider: `requestId` is its idempotency key, so a retry refunds once. */
export interface ProviderRefund {
  order: PaymentOrder;
  /** The provider's id of the payment to refund (the PaymentIntent, or the Razorpay payment). */
  paymentId: string;
  requestId: string;
  amount: number;
}

export interface PaymentProvider {
  readonly name: ProviderName;
  /**
   * Makes what the buyer pays for `order`; making it again for the same order id answers the same
   * provider object (the order id is the provider's idempotency key).
   */
  createCheckout(order: PaymentOrder): Promise<Checkout>;
  /** The checkout of an order already made with the provider. */
  checkoutOf(order: PaymentOrder & { providerOrderId: string }): Promise<Checkout>;
  /**
   * What the provider knows of the order's payment: its successful payment if there is one. Asked
   * when no webhook came (the reconciler).
   */
  lookup(order: PaymentOrder & { providerOrderId: string }): Promise<ProviderPayment | null>;
  /** Stops the order being paid later, where the provider allows it (Stripe cancels the intent). */
  close(order: PaymentOrder & { providerOrderId: string }): Promise<void>;
  /** Refunds (part of) a payment; asking again with the same request id answers the same refund. */
  refund(input: ProviderRefund): Promise<{ providerRefundId: string; amount: number }>;
  /**
   * Verifies the signature over the raw bytes with each current signing secret (more than one
   * during a rotation) and answers the event; throws WEBHOOK_SIGNATURE_INVALID otherwise.
   */
  verifyWebhook(input: WebhookInput): Promise<ProviderEvent>;
}

export interface PaymentProviders {
  /** The providers this tenant has turned on. */
  enabled(): readonly ProviderName[];
  get(name: ProviderName): Promise<PaymentProvider>;
}

type ReceiptKey = Pick<WebhookReceipt, 'provider' | 'eventId'>;

/**
 * Money that moved, recorded against its order with what it causes, in one transaction: the order
 * change, the transaction (once per provider id), the booking step, the refund request's outcome
 * and the receipt that told us.
 */
export interface MoneyRecord {
  current: PaymentOrder;
  next: PaymentOrder;
  transaction: PaymentTransaction;
  /** The booking step the money causes: confirmed by a payment, cancelled by a full refund. */
  booking: BookingTransition | null;
  /** A cancelled booking whose payment was refunded: only its payment status changes. */
  refundedBooking: Booking | null;
  refund: { current: RefundRequest | null; next: RefundRequest } | null;
  receipt: ReceiptKey | null;
  /** A notification to the booking's holder when no booking step tells them (a late refund). */
  notification: { key: string; type: string; booking: Booking; payload: Record<string, unknown> } | null;
}

/**
 * `stale`: the order, booking or refund request moved since read; `known`: the transaction was
 * recorded before (a duplicate); `full`: a lapsed booking's places are no longer free (or its session or event no longer takes bookings).
 */
export type MoneyOutcome = 'done' | 'stale' | 'known' | 'full';

export interface PaymentStore {
  getOrder(ref: OrderRef): Promise<PaymentOrder | undefined>;
  /** Every payment order of the session's bookings (one Query of the session's payments partition). */
  listBySession(orgId: string, sessionId: string): Promise<PaymentOrder[]>;
  /** Stores the order unless the booking has one; answers the stored order either way. */
  createOrder(order: PaymentOrder): Promise<PaymentOrder>;
  /** Sets the provider's id on an order that has none yet; answers the order as stored. */
  setProviderOrder(order: PaymentOrder, providerOrderId: string, at: string): Promise<PaymentOrder>;
  transactions(ref: OrderRef): Promise<PaymentTransaction[]>;
  record(record: MoneyRecord): Promise<MoneyOutcome>;
  /** Moves the order as read to `next` (with the receipt that caused it); `stale` when it moved. */
  updateOrder(
    current: PaymentOrder,
    next: PaymentOrder,
    receipt: ReceiptKey | null,
  ): Promise<'done' | 'stale'>;
  getRefund(ref: OrderRef, requestId: string): Promise<RefundRequest | undefined>;
  /** A late payment staff accepted: the review flag cleared and the lapsed booking confirmed again, together. */
  reviewAccepted(
    current: PaymentOrder,
    next: PaymentOrder,
    booking: BookingTransition,
  ): Promise<'done' | 'stale' | 'full' | 'closed'>;
  /** Orders waiting for staff to decide (late payments under the `review` policy), newest first. */
  listForReview(orgId: string, page: PageRequest): Promise<Page<PaymentOrder>>;
  /**
   * Orders due for the reconciler at `before`, across organizations, earliest first: pending or
   * failed ones whose hold ended by then, and those owing a refund since then.
   */
  listDue(before: string, limit: number): Promise<OrderRef[]>;
  /**
   * Stores a new refund request and reserves its amount on the order as read (`stale` when the
   * order moved; `exists` when the request id is taken).
   */
  reserveRefund(
    current: PaymentOrder,
    next: PaymentOrder,
    request: RefundRequest,
  ): Promise<'done' | 'stale' | 'exists'>;
  /**
   * Claims a requested refund for one caller until `until` (no other caller holds it at `now`);
   * false when another caller holds it or it is no longer requested.
   */
  claimRefund(request: RefundRequest, until: string, now: string): Promise<boolean>;
  /** A refund the provider refused: the request fails and its reservation is released. */
  failRefund(current: PaymentOrder, next: PaymentOrder, request: RefundRequest): Promise<'done' | 'stale'>;
}

export interface ReceiptStore {
  /** Stores the receipt unless one with its provider and event id exists; answers the stored one. */
  record(receipt: WebhookReceipt): Promise<{ receipt: WebhookReceipt; created: boolean }>;
  get(provider: ProviderName, eventId: string): Promise<WebhookReceipt | undefined>;
  settle(receipt: WebhookReceipt, status: ReceiptStatus, error: string | null, at: string): Promise<void>;
  /** Receipts of the organization whose application failed, newest first. */
  listFailed(orgId: string, page: PageRequest): Promise<Page<WebhookReceipt>>;
  /** Receipts still `received` whose last change is at or before `before`, across providers, oldest first. */
  listUnsettled(before: string, limit: number): Promise<ReceiptKey[]>;
  /**
   * Counts one more hand-off of a receipt still as read (`received`, same `updatedAt`), moving its
   * last change to `at`; false when it changed meanwhile (applied, or handed by another run).
   */
  markHandedAgain(receipt: WebhookReceipt, at: string): Promise<boolean>;
}

/** The queue of stored receipts waiting to be applied. */
export interface PaymentInbox {
  send(receipt: Pick<WebhookReceipt, 'provider' | 'eventId'>): Promise<void>;
}

/** The tenant's payment settings that are not secrets. */
export interface PaymentPolicy {
  fee: FeeSetting;
}
