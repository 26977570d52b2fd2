import { createHmac } from 'node:crypto';
import type { ProviderContext } from './context.js';
import { checkoutNotFound } from './http-io.js';
import { payOrder } from './razorpay-orders.js';
import { payIntent } from './stripe-intents.js';
import type {
  ModeOverrides,
  Outcome,
  Provider,
  RazorpayOrder,
  RazorpayPayment,
  StripePaymentIntent,
} from './types.js';

/** A customer's payment at checkout, for either provider: the state change and the events it causes. */

export type PayResult =
  | { provider: 'stripe'; outcome: Outcome; paymentIntent: StripePaymentIntent; eventIds: string[] }
  | {
      provider: 'razorpay';
      outcome: Outcome;
      order: RazorpayOrder;
      payment: RazorpayPayment;
      /**
       * What Razorpay's checkout hands the browser on success: hex HMAC-SHA256 of
       * `${order_id}|${payment_id}` with the key secret (`validatePaymentVerification` checks it).
       */
      signature: string | null;
      eventIds: string[];
    };

export type Pay = (provider: Provider, id: string, overrides?: ModeOverrides) => PayResult;

export const createPay =
  (ctx: ProviderContext, razorpayKeySecret: string): Pay =>
  (provider, id, overrides = {}) => {
    const outcome = overrides.outcome ?? ctx.mode().outcome;
    if (provider === 'stripe') {
      if (!ctx.store.stripe.intents.has(id)) throw checkoutNotFound(`no PaymentIntent ${id}`);
      const { intent, eventIds } = payIntent(ctx, id, outcome, overrides);
      return { provider, outcome, paymentIntent: structuredClone(intent), eventIds };
    }
    if (!ctx.store.razorpay.orders.has(id)) throw checkoutNotFound(`no order ${id}`);
    const { order, payment, eventIds } = payOrder(ctx, id, outcome, overrides);
    const signature =
      outcome === 'succeed'
        ? createHmac('sha256', razorpayKeySecret).update(`${order.id}|${payment.id}`).digest('hex')
        : null;
    return {
      provider,
      outcome,
      order: structuredClone(order),
      payment: structuredClone(payment),
      signature,
      eventIds,
    };
  };
