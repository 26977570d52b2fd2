import type { ProviderContext } from './context.js';
import { NO_REQUEST, type StripeRequestRef, stripeEvent } from './events.js';
import type { FormObject } from './form-body.js';
import { checkoutConflict } from './http-io.js';
import { nowSeconds, randomChars, stripeId } from './ids.js';
import type { Store } from './store.js';
import { missingParam, notFound, paramError, unexpectedState } from './stripe-errors.js';
import {
  checkKnown,
  currencyOf,
  metadataOf,
  oneOf,
  optionalString,
  positiveInteger,
} from './stripe-params.js';
import type { ModeOverrides, Outcome, StripePaymentIntent } from './types.js';

/** PaymentIntents: create, retrieve, cancel, and the customer's payment at checkout. */

// Accepted and otherwise ignored: they change nothing the stand-in models.
const CREATE_PARAMS = [
  'amount',
  'currency',
  'metadata',
  'description',
  'automatic_payment_methods',
  'payment_method_types',
  'receipt_email',
  'statement_descriptor',
  'statement_descriptor_suffix',
  'customer',
  'setup_future_usage',
  'transfer_group',
  'capture_method',
  'confirm',
  'expand',
] as const;

/** Stripe's minimum charge amounts for a few currencies, in the smallest unit. */
const MINIMUM: Record<string, number> = { usd: 50, eur: 50, gbp: 30, inr: 50, aud: 50, cad: 50, sgd: 50 };

const CANCELABLE = [
  'requires_payment_method',
  'requires_capture',
  'requires_confirmation',
  'requires_action',
  'processing',
];

export const createIntent = (store: Store, params: FormObject): StripePaymentIntent => {
  checkKnown(params, CREATE_PARAMS);
  const amount = positiveInteger(params, 'amount');
  if (amount === null) throw missingParam('amount');
  const currency = currencyOf(params);
  const minimum = MINIMUM[currency];
  if (minimum !== undefined && amount < minimum)
    throw paramError(
      'amount',
      `Amount must be at least ${(minimum / 100).toFixed(2)} ${currency}`,
      'amount_too_small',
    );
  // Manual capture and server-side confirmation need a payment method the stand-in does not model.
  if (oneOf(params, 'capture_method', ['automatic', 'automatic_async', 'manual']) === 'manual')
    throw paramError('capture_method', 'The local payment provider supports automatic capture only.');
  if (optionalString(params, 'confirm') === 'true')
    throw paramError(
      'confirm',
      'The local payment provider confirms at its checkout page, not with confirm=true.',
    );
  const id = stripeId('pi');
  const intent: StripePaymentIntent = {
    id,
    object: 'payment_intent',
    amount,
    amount_capturable: 0,
    amount_received: 0,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic',
    client_secret: `${id}_secret_${randomChars(25)}`,
    confirmation_method: 'automatic',
    created: nowSeconds(),
    currency,
    description: optionalString(params, 'description'),
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    metadata: metadataOf(params),
    payment_method: null,
    payment_method_types: ['card'],
    status: 'requires_payment_method',
  };
  store.stripe.intents.set(id, intent);
  return intent;
};

export const findIntent = (store: Store, id: string): StripePaymentIntent => {
  const intent = store.stripe.intents.get(id);
  if (!intent) throw notFound('payment_intent', id, 'intent');
  return intent;
};

export const cancelIntent = (
  ctx: ProviderContext,
  id: string,
  params: FormObject,
  request: StripeRequestRef,
): StripePaymentIntent => {
  checkKnown(params, ['cancellation_reason', 'expand']);
  const reason = oneOf(params, 'cancellation_reason', [
    'duplicate',
    'fraudulent',
    'requested_by_customer',
    'abandoned',
  ]);
  const intent = findIntent(ctx.store, id);
  if (!CANCELABLE.includes(intent.status)) throw unexpectedState(intent, 'cancel', CANCELABLE);
  intent.status = 'canceled';
  intent.canceled_at = nowSeconds();
  intent.cancellation_reason = reason;
  ctx.publish([stripeEvent('payment_intent.canceled', intent, request)]);
  return intent;
};

/** The customer pays (or is declined) at checkout: a charge is made either way, as Stripe does. */
export const payIntent = (
  ctx: ProviderContext,
  id: string,
  outcome: Outcome,
  overrides: ModeOverrides,
): { intent: StripePaymentIntent; eventIds: string[] } => {
  const intent = findIntent(ctx.store, id);
  if (intent.status !== 'requires_payment_method')
    throw checkoutConflict(`PaymentIntent ${id} cannot be paid: its status is ${intent.status}`);
  const charge = stripeId('ch');
  ctx.store.stripe.charges.set(charge, id);
  intent.latest_charge = charge;
  if (outcome === 'succeed') {
    intent.status = 'succeeded';
    intent.amount_received = intent.amount;
    intent.payment_method = stripeId('pm');
    intent.last_payment_error = null;
  } else {
    intent.last_payment_error = {
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'generic_decline',
      message: 'Your card was declined.',
      charge,
      doc_url: 'https://stripe.com/docs/error-codes/card-declined',
    };
  }
  const type = outcome === 'succeed' ? 'payment_intent.succeeded' : 'payment_intent.payment_failed';
  const event = stripeEvent(type, intent, NO_REQUEST);
  ctx.publish([event], overrides);
  return { intent, eventIds: [event.id] };
};
