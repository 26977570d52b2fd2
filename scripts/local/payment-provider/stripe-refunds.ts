import type { ProviderContext } from './context.js';
import { type StripeRequestRef, stripeEvent } from './events.js';
import type { FormObject } from './form-body.js';
import { nowSeconds, stripeId } from './ids.js';
import { newestFirst, type Store } from './store.js';
import { businessError, missingParam, notFound, paramError } from './stripe-errors.js';
import { findIntent } from './stripe-intents.js';
import { checkKnown, metadataOf, oneOf, optionalString, positiveInteger } from './stripe-params.js';
import type { StripePaymentIntent, StripeRefund } from './types.js';

/** Refunds: create against a PaymentIntent (or its charge), retrieve, list. */

const CREATE_PARAMS = [
  'payment_intent',
  'charge',
  'amount',
  'reason',
  'metadata',
  'expand',
  'instructions_email',
  'refund_application_fee',
  'reverse_transfer',
] as const;

const LIST_PARAMS = [
  'payment_intent',
  'charge',
  'limit',
  'starting_after',
  'ending_before',
  'created',
  'expand',
];

const SYMBOLS: Record<string, string> = { usd: '$', eur: '€', gbp: '£', inr: '₹' };

const money = (amount: number, currency: string): string =>
  `${SYMBOLS[currency] ?? `${currency.toUpperCase()} `}${(amount / 100).toFixed(2)}`;

const intentOf = (store: Store, params: FormObject): StripePaymentIntent => {
  const intentId = optionalString(params, 'payment_intent');
  if (intentId !== null) return findIntent(store, intentId);
  const chargeId = optionalString(params, 'charge');
  if (chargeId === null) throw missingParam('payment_intent');
  const owner = store.stripe.charges.get(chargeId);
  if (owner === undefined) throw notFound('charge', chargeId, 'charge');
  return findIntent(store, owner);
};

/** What the refunds of a PaymentIntent add up to. */
export const refundedOf = (store: Store, intentId: string): number =>
  [...store.stripe.refunds.values()]
    .filter((r) => r.payment_intent === intentId)
    .reduce((sum, r) => sum + r.amount, 0);

export const createRefund = (
  ctx: ProviderContext,
  params: FormObject,
  request: StripeRequestRef,
): StripeRefund => {
  checkKnown(params, CREATE_PARAMS);
  const amount = positiveInteger(params, 'amount');
  const reason = oneOf(params, 'reason', ['duplicate', 'fraudulent', 'requested_by_customer']);
  const metadata = metadataOf(params);
  const intent = intentOf(ctx.store, params);
  const charge = intent.latest_charge;
  if (intent.status !== 'succeeded' || charge === null)
    throw businessError(
      `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`,
      undefined,
      'payment_intent',
    );
  const remaining = intent.amount_received - refundedOf(ctx.store, intent.id);
  if (remaining === 0)
    throw businessError(`Charge ${charge} has already been refunded.`, 'charge_already_refunded', 'charge');
  if (amount !== null && amount > remaining)
    throw businessError(
      `Refund amount (${money(amount, intent.currency)}) is greater than unrefunded amount on charge (${money(remaining, intent.currency)})`,
      'amount_too_large',
      'amount',
    );
  const refund: StripeRefund = {
    id: stripeId('re'),
    object: 'refund',
    amount: amount ?? remaining,
    balance_transaction: stripeId('txn'),
    charge,
    created: nowSeconds(),
    currency: intent.currency,
    metadata,
    payment_intent: intent.id,
    reason,
    receipt_number: null,
    status: 'succeeded',
  };
  ctx.store.stripe.refunds.set(refund.id, refund);
  ctx.publish([stripeEvent('refund.created', refund, request)]);
  return refund;
};

export const findRefund = (store: Store, id: string): StripeRefund => {
  const refund = store.stripe.refunds.get(id);
  if (!refund) throw notFound('refund', id, 'id');
  return refund;
};

export interface StripeList<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

/** Newest first, `limit` (1-100, default 10) and `starting_after` paging, as the SDK's auto-paging expects. */
export const listRefunds = (store: Store, query: FormObject): StripeList<StripeRefund> => {
  checkKnown(query, LIST_PARAMS);
  const limit = positiveInteger(query, 'limit') ?? 10;
  if (limit > 100) throw paramError('limit', 'This value must be less than or equal to 100.');
  const intentId = optionalString(query, 'payment_intent');
  if (intentId !== null) findIntent(store, intentId);
  const chargeId = optionalString(query, 'charge');
  let all = newestFirst(store.stripe.refunds.values()).filter(
    (r) =>
      (intentId === null || r.payment_intent === intentId) && (chargeId === null || r.charge === chargeId),
  );
  const after = optionalString(query, 'starting_after');
  if (after !== null) {
    const index = all.findIndex((r) => r.id === after);
    if (index < 0) throw notFound('refund', after, 'starting_after');
    all = all.slice(index + 1);
  }
  return { object: 'list', data: all.slice(0, limit), has_more: all.length > limit, url: '/v1/refunds' };
};
