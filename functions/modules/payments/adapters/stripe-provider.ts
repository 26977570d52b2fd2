import Stripe from 'stripe';
import { DomainError } from '../../../kernel/domain/errors.js';
import type { PaymentOrder } from '../domain/model.js';
import type { Checkout, PaymentProvider, WebhookInput } from '../domain/ports.js';
import type { EventEffect, ProviderEvent } from '../domain/provider-events.js';
import { chargebackOf, metadataOf, orderRefOf, paymentSucceeded, refundSucceeded } from './order-metadata.js';
import type { PaymentSecrets } from './payment-secrets.js';
import { providerFailure } from './provider-errors.js';

export interface ProviderEndpoint {
  /** The local stand-in's base URL: the SDK is pointed at it and checkouts get its URL. */
  localUrl?: string | undefined;
}

export const invalidSignature = () =>
  new DomainError('WEBHOOK_SIGNATURE_INVALID', 'the signature does not match the body, or it is too old');

const clientOptions = ({ localUrl }: ProviderEndpoint) => {
  if (!localUrl) return {};
  const url = new URL(localUrl);
  return {
    host: url.hostname,
    port: url.port,
    protocol: url.protocol === 'https:' ? 'https' : 'http',
  } as const;
};

/** Stripe through its SDK: a PaymentIntent per order, its webhooks verified by `constructEvent`. */
export const stripeProvider = (
  secrets: NonNullable<PaymentSecrets['stripe']>,
  endpoint: ProviderEndpoint,
): PaymentProvider => {
  const stripe = new Stripe(secrets.apiKey, { ...clientOptions(endpoint), maxNetworkRetries: 2 });

  const checkout = (intent: Stripe.PaymentIntent): Checkout => ({
    provider: 'stripe',
    providerOrderId: intent.id,
    clientSecret: intent.client_secret,
    keyId: null,
    checkoutUrl: endpoint.localUrl ? `${endpoint.localUrl}/checkout/stripe/${intent.id}` : null,
  });

  const verified = (input: WebhookInput): Stripe.Event => {
    const header = input.headers['stripe-signature'];
    if (!header) throw invalidSignature();
    for (const secret of secrets.webhookSecrets) {
      try {
        // The default tolerance (300 s) refuses a replay of an old signed body.
        return stripe.webhooks.constructEvent(input.rawBody, header, secret);
      } catch {
        // the next secret of a rotation may match
      }
    }
    throw invalidSignature();
  };

  /** A PaymentIntent named by id is asked of Stripe: its metadata names our order. */
  const intentOf = async (intent: string | Stripe.PaymentIntent): Promise<Stripe.PaymentIntent> =>
    typeof intent === 'string' ? stripe.paymentIntents.retrieve(intent) : intent;

  /** Refunds made outside this backend carry no metadata: their PaymentIntent does. */
  const refundEffect = async (refund: Stripe.Refund): Promise<EventEffect> => {
    if (refund.status !== 'succeeded' || !refund.payment_intent) return { kind: 'ignored' };
    const order = orderRefOf(refund.metadata) ?? orderRefOf((await intentOf(refund.payment_intent)).metadata);
    if (!order) return { kind: 'ignored' };
    return refundSucceeded(order, refund, refund.metadata?.requestId);
  };

  /**
   * A Dispute names its charge and PaymentIntent, never our order: the order comes from the
   * PaymentIntent's metadata, which only this backend writes (createCheckout). The effect keeps the
   * PaymentIntent's id, and applying it checks that the named order recorded that very payment.
   */
  const disputeEffect = async (dispute: Stripe.Dispute): Promise<EventEffect> => {
    // An inquiry (`warning_*`) asks questions and takes no money; a dispute without an intent is not ours.
    if (dispute.status.startsWith('warning_') || !dispute.payment_intent) return { kind: 'ignored' };
    const intent = await intentOf(dispute.payment_intent);
    const order = orderRefOf(intent.metadata);
    if (!order) return { kind: 'ignored' };
    const { id, amount, currency, reason } = dispute;
    return chargebackOf(order, { id, paymentId: intent.id, amount, currency, reason });
  };

  const effectOf = async (event: Stripe.Event): Promise<EventEffect> => {
    if (event.type === 'payment_intent.succeeded' || event.type === 'payment_intent.payment_failed') {
      const intent = event.data.object;
      const order = orderRefOf(intent.metadata);
      if (!order) return { kind: 'ignored' };
      if (event.type === 'payment_intent.payment_failed') {
        const reason = intent.last_payment_error?.message ?? 'the payment failed';
        return { kind: 'payment_failed', order, providerTransactionId: intent.id, reason };
      }
      return paymentSucceeded(order, {
        id: intent.id,
        amount: intent.amount_received,
        currency: intent.currency,
      });
    }
    if (event.type === 'refund.created' || event.type === 'refund.updated')
      return refundEffect(event.data.object);
    if (event.type === 'charge.dispute.created') return disputeEffect(event.data.object);
    return { kind: 'ignored' };
  };

  return {
    name: 'stripe',

    async createCheckout(order: PaymentOrder) {
      const intent = await stripe.paymentIntents.create(
        {
          amount: order.quote.total,
          currency: order.quote.currency.toLowerCase(),
          metadata: metadataOf(order),
          description: `Booking ${order.bookingId}`,
        },
        // Our order id: a retry after a crash finds the same PaymentIntent, never a second one.
        { idempotencyKey: order.orderId },
      );
      return checkout(intent);
    },

    async checkoutOf(order) {
      return checkout(await stripe.paymentIntents.retrieve(order.providerOrderId));
    },

    async lookup(order) {
      const intent = await stripe.paymentIntents.retrieve(order.providerOrderId);
      if (intent.status !== 'succeeded') return null;
      return {
        providerTransactionId: intent.id,
        amount: intent.amount_received,
        currency: intent.currency.toUpperCase(),
      };
    },

    async close(order) {
      const intent = await stripe.paymentIntents.retrieve(order.providerOrderId);
      if (intent.status === 'requires_payment_method' || intent.status === 'requires_confirmation') {
        await stripe.paymentIntents.cancel(intent.id, {}, { idempotencyKey: `close-${order.orderId}` });
      }
    },

    async refund({ order, paymentId, requestId, amount }) {
      try {
        const refund = await stripe.refunds.create(
          { payment_intent: paymentId, amount, metadata: { ...metadataOf(order), requestId } },
          // Stripe's keys are account-wide, request ids are ours per booking: the order scopes them.
          { idempotencyKey: `${order.orderId}:${requestId}` },
        );
        return { providerRefundId: refund.id, amount: refund.amount };
      } catch (err) {
        throw providerFailure('stripe', err);
      }
    },

    async verifyWebhook(input): Promise<ProviderEvent> {
      const event = verified(input);
      return { provider: 'stripe', eventId: event.id, type: event.type, effect: await effectOf(event) };
    },
  };
};
