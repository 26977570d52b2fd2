import type { Page, PageRequest } from '../../../kernel/domain/types.js';
import type { BookingTransition } from '../../bookings/index.js';
import type { OrderRef, PaymentOrder, PaymentTransaction, ProviderName } from './model.js';
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

export interface RefundRequest {
  /** Ours, unique per refund request: the provider's idempotency key, so a retry refunds once. */
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

/** A payment recorded against its order, with the booking step it causes, in one transaction. */
export interface PaymentRecord {
  current: PaymentOrder;
  next: PaymentOrder;
  transaction: PaymentTransaction;
  /** The held booking confirmed by this payment, when its hold still ran. */
  booking: BookingTransition | null;
  receipt: Pick<WebhookReceipt, 'provider' | 'eventId'>;
}

export interface PaymentStore {
  getOrder(ref: OrderRef): Promise<PaymentOrder | undefined>;
  /** Stores the order unless the booking has one; answers the stored order either way. */
  createOrder(order: PaymentOrder): Promise<PaymentOrder>;
  /** Sets the provider's id on an order that has none yet; answers the order as stored. */
  setProviderOrder(order: PaymentOrder, providerOrderId: string, at: string): Promise<PaymentOrder>;
  transactions(ref: OrderRef): Promise<PaymentTransaction[]>;
  /**
   * Commits the order change, the transaction (once per provider id), the booking step and the
   * receipt's `applied` in one transaction. `stale`: the order or booking moved since read; `known`:
   * the transaction was recorded before (a duplicate).
   */
  recordPayment(record: PaymentRecord): Promise<'done' | 'stale' | 'known'>;
  /** Moves the order as read to `next` with the receipt's outcome; `stale` when it moved. */
  updateOrder(
    current: PaymentOrder,
    next: PaymentOrder,
    receipt: Pick<WebhookReceipt, 'provider' | 'eventId'>,
  ): Promise<'done' | 'stale'>;
}

export interface ReceiptStore {
  /** Stores the receipt unless one with its provider and event id exists; answers the stored one. */
  record(receipt: WebhookReceipt): Promise<{ receipt: WebhookReceipt; created: boolean }>;
  get(provider: ProviderName, eventId: string): Promise<WebhookReceipt | undefined>;
  settle(receipt: WebhookReceipt, status: ReceiptStatus, error: string | null, at: string): Promise<void>;
  /** Receipts of the organization whose application failed, newest first. */
  listFailed(orgId: string, page: PageRequest): Promise<Page<WebhookReceipt>>;
}

/** The queue of stored receipts waiting to be applied. */
export interface PaymentInbox {
  send(receipt: Pick<WebhookReceipt, 'provider' | 'eventId'>): Promise<void>;
}

/** The tenant's payment settings that are not secrets. */
export interface PaymentPolicy {
  fee: FeeSetting;
}
