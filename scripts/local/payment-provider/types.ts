/** Shapes shared by the local payment provider's files: modes, events and the stored objects. */

export type Provider = 'stripe' | 'razorpay';
export type Outcome = 'succeed' | 'fail';

/** How a payment ends and how the webhooks it causes are delivered. */
export interface Mode {
  outcome: Outcome;
  /** Wait before the first delivery attempt. */
  delayMs: number;
  /** Extra deliveries of each event, with the same event id. */
  duplicates: number;
  /** Queue events until `release` instead of sending them. */
  hold: boolean;
}

export type ModeOverrides = Partial<Mode>;

export interface RetryPolicy {
  /** Delivery attempts in all, the first one included. */
  attempts: number;
  /** Wait before the second attempt; it doubles for each later one. */
  baseDelayMs: number;
  /** One attempt's time limit. */
  timeoutMs?: number;
}

/** A signed-to-be webhook: `body` is the exact JSON text that is signed and posted. */
export interface OutgoingEvent {
  provider: Provider;
  id: string;
  type: string;
  body: string;
}

export type Metadata = Record<string, string>;

export interface StripePaymentError {
  type: 'card_error';
  code: string;
  decline_code: string;
  message: string;
  charge: string;
  doc_url: string;
}

export interface StripePaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_capturable: number;
  amount_received: number;
  canceled_at: number | null;
  cancellation_reason: string | null;
  capture_method: 'automatic';
  client_secret: string;
  confirmation_method: 'automatic';
  created: number;
  currency: string;
  description: string | null;
  last_payment_error: StripePaymentError | null;
  latest_charge: string | null;
  livemode: false;
  metadata: Metadata;
  payment_method: string | null;
  payment_method_types: string[];
  status: 'requires_payment_method' | 'succeeded' | 'canceled';
}

export interface StripeRefund {
  id: string;
  object: 'refund';
  amount: number;
  balance_transaction: string | null;
  charge: string;
  created: number;
  currency: string;
  metadata: Metadata;
  payment_intent: string;
  reason: string | null;
  receipt_number: null;
  status: 'succeeded';
}

/** Razorpay answers empty notes as `[]` (an empty PHP array), not `{}`. */
export type RazorpayNotes = Record<string, string | number | boolean> | [];

export interface RazorpayOrder {
  id: string;
  entity: 'order';
  amount: number;
  amount_paid: number;
  amount_due: number;
  currency: string;
  receipt: string | null;
  offer_id: null;
  status: 'created' | 'attempted' | 'paid';
  attempts: number;
  notes: RazorpayNotes;
  created_at: number;
}

export interface RazorpayPayment {
  id: string;
  entity: 'payment';
  amount: number;
  currency: string;
  status: 'captured' | 'failed' | 'refunded';
  order_id: string;
  invoice_id: null;
  international: false;
  method: 'card';
  amount_refunded: number;
  refund_status: 'partial' | 'full' | null;
  captured: boolean;
  description: string | null;
  email: string;
  contact: string;
  notes: RazorpayNotes;
  fee: number | null;
  tax: number | null;
  error_code: string | null;
  error_description: string | null;
  error_source: string | null;
  error_step: string | null;
  error_reason: string | null;
  created_at: number;
}

export interface RazorpayRefund {
  id: string;
  entity: 'refund';
  amount: number;
  currency: string;
  payment_id: string;
  notes: RazorpayNotes;
  receipt: string | null;
  acquirer_data: { arn: string | null };
  created_at: number;
  batch_id: null;
  status: 'processed';
  speed_processed: 'normal';
  speed_requested: string;
}

/** A dispute of a charge: `warning_needs_response` is an inquiry, which takes no money. */
export interface StripeDispute {
  id: string;
  object: 'dispute';
  amount: number;
  charge: string;
  created: number;
  currency: string;
  is_charge_refundable: boolean;
  livemode: false;
  metadata: Metadata;
  payment_intent: string;
  reason: string;
  status: 'needs_response' | 'warning_needs_response';
}

/** A dispute of a payment: the `retrieval` phase asks for information and takes no money. */
export interface RazorpayDispute {
  id: string;
  entity: 'dispute';
  payment_id: string;
  amount: number;
  currency: string;
  /** Razorpay deducts the amount once the dispute is lost: 0 while it is open. */
  amount_deducted: number;
  reason_code: string;
  respond_by: number;
  status: 'open';
  phase: 'chargeback' | 'retrieval';
  created_at: number;
}
