import type { ProviderContext } from './context.js';
import { NO_REQUEST, razorpayEvent, stripeEvent } from './events.js';
import { ApiError } from './http-io.js';
import { nowSeconds, razorpayId, stripeId } from './ids.js';
import { ModeError, parseModeOverrides } from './modes.js';
import { refundedOf } from './stripe-refunds.js';
import type { ModeOverrides, Provider, RazorpayDispute, StripeDispute } from './types.js';

/**
 * The buyer's bank disputes a paid payment: the dispute is kept and its webhook posted (Stripe
 * `charge.dispute.created`, Razorpay `payment.dispute.created`), delivered with the current mode
 * unless overridden, as a payment's are. One dispute per payment, as on both providers.
 */

export interface DisputeOptions extends Omit<ModeOverrides, 'outcome'> {
  /** What the bank takes back: by default all that is not refunded yet. */
  amount?: number;
  /** Stripe's `reason` (default `fraudulent`), Razorpay's `reason_code` (default `chargeback`). */
  reason?: string;
  /** An inquiry (Stripe `warning_needs_response`, Razorpay phase `retrieval`): it takes no money. */
  inquiry?: boolean;
}

export type DisputeResult =
  | { provider: 'stripe'; dispute: StripeDispute; eventIds: string[] }
  | { provider: 'razorpay'; dispute: RazorpayDispute; eventIds: string[] };

/** `paymentId`: the Stripe PaymentIntent, or the Razorpay payment. */
export type OpenDispute = (provider: Provider, paymentId: string, options?: DisputeOptions) => DisputeResult;

const refused = (status: number, message: string): ApiError =>
  new ApiError(status, { error: { message } }, false, message);

/** The amount disputed: all that is left unless given, never more. */
const amountOf = (given: number | undefined, left: number, payment: string): number => {
  if (left <= 0) throw refused(409, `nothing of ${payment} is left to dispute: it was refunded`);
  if (given === undefined) return left;
  if (!Number.isInteger(given) || given < 1 || given > left)
    throw refused(400, `amount must be a whole number from 1 to ${left}`);
  return given;
};

const modeOf = ({ delayMs, duplicates, hold }: DisputeOptions): ModeOverrides => ({
  ...(delayMs === undefined ? {} : { delayMs }),
  ...(duplicates === undefined ? {} : { duplicates }),
  ...(hold === undefined ? {} : { hold }),
});

const disputeStripe = (ctx: ProviderContext, intentId: string, options: DisputeOptions): DisputeResult => {
  const intent = ctx.store.stripe.intents.get(intentId);
  if (!intent) throw refused(404, `no PaymentIntent ${intentId}`);
  const charge = intent.latest_charge;
  if (intent.status !== 'succeeded' || charge === null)
    throw refused(409, `PaymentIntent ${intentId} has no successful charge to dispute`);
  if ([...ctx.store.stripe.disputes.values()].some((d) => d.charge === charge))
    throw refused(409, `charge ${charge} is already disputed`);
  const dispute: StripeDispute = {
    id: stripeId('dp'),
    object: 'dispute',
    amount: amountOf(options.amount, intent.amount_received - refundedOf(ctx.store, intentId), intentId),
    charge,
    created: nowSeconds(),
    currency: intent.currency,
    is_charge_refundable: options.inquiry === true,
    livemode: false,
    metadata: {},
    payment_intent: intentId,
    reason: options.reason ?? 'fraudulent',
    status: options.inquiry ? 'warning_needs_response' : 'needs_response',
  };
  ctx.store.stripe.disputes.set(dispute.id, dispute);
  const event = stripeEvent('charge.dispute.created', dispute, NO_REQUEST);
  ctx.publish([event], modeOf(options));
  return { provider: 'stripe', dispute: structuredClone(dispute), eventIds: [event.id] };
};

const disputeRazorpay = (ctx: ProviderContext, paymentId: string, options: DisputeOptions): DisputeResult => {
  const payment = ctx.store.razorpay.payments.get(paymentId);
  if (!payment) throw refused(404, `no payment ${paymentId}`);
  if (!payment.captured) throw refused(409, `payment ${paymentId} was not captured`);
  if ([...ctx.store.razorpay.disputes.values()].some((d) => d.payment_id === paymentId))
    throw refused(409, `payment ${paymentId} is already disputed`);
  const created = nowSeconds();
  const dispute: RazorpayDispute = {
    id: razorpayId('disp'),
    entity: 'dispute',
    payment_id: paymentId,
    amount: amountOf(options.amount, payment.amount - payment.amount_refunded, paymentId),
    currency: payment.currency,
    amount_deducted: 0,
    reason_code: options.reason ?? 'chargeback',
    respond_by: created + 7 * 86_400,
    status: 'open',
    phase: options.inquiry ? 'retrieval' : 'chargeback',
    created_at: created,
  };
  ctx.store.razorpay.disputes.set(dispute.id, dispute);
  const event = razorpayEvent('payment.dispute.created', { payment, dispute }, ctx.razorpayAccountId);
  ctx.publish([event], modeOf(options));
  return { provider: 'razorpay', dispute: structuredClone(dispute), eventIds: [event.id] };
};

export const createDispute =
  (ctx: ProviderContext): OpenDispute =>
  (provider, paymentId, options = {}) =>
    provider === 'stripe' ? disputeStripe(ctx, paymentId, options) : disputeRazorpay(ctx, paymentId, options);

/**
 * `POST /_local/disputes` body: `{ provider, paymentId, amount?, reason?, inquiry? }` and the
 * delivery mode fields (`delayMs`, `duplicates`, `hold`).
 */
export const parseDisputeRequest = (
  body: Record<string, unknown>,
): { provider: Provider; paymentId: string; options: DisputeOptions } => {
  const { provider, paymentId, amount, reason, inquiry, ...mode } = body;
  if (provider !== 'stripe' && provider !== 'razorpay')
    throw new ModeError("provider must be 'stripe' or 'razorpay'");
  if (typeof paymentId !== 'string' || paymentId === '') throw new ModeError('paymentId must be given');
  if (amount !== undefined && typeof amount !== 'number') throw new ModeError('amount must be a number');
  if (reason !== undefined && typeof reason !== 'string') throw new ModeError('reason must be a string');
  if (inquiry !== undefined && typeof inquiry !== 'boolean')
    throw new ModeError('inquiry must be true or false');
  if (mode.outcome !== undefined) throw new ModeError('outcome does not apply to a dispute');
  const options: DisputeOptions = {
    ...parseModeOverrides(mode),
    ...(amount === undefined ? {} : { amount }),
    ...(reason === undefined ? {} : { reason }),
    ...(inquiry === undefined ? {} : { inquiry }),
  };
  return { provider, paymentId, options };
};
