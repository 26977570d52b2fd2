import { createHash } from 'node:crypto';
import Razorpay from 'razorpay';
import * as z from 'zod';
import type { OrderRef, PaymentOrder } from '../domain/model.js';
import type { Checkout, PaymentProvider, WebhookInput } from '../domain/ports.js';
import type { EventEffect, ProviderEvent } from '../domain/provider-events.js';
import { chargebackOf, metadataOf, orderRefOf, paymentSucceeded, refundSucceeded } from './order-metadata.js';
import type { PaymentSecrets } from './payment-secrets.js';
import { providerFailure } from './provider-errors.js';
import { invalidSignature, type ProviderEndpoint } from './stripe-provider.js';

const entity = <S extends z.ZodRawShape>(shape: S) => z.object({ entity: z.looseObject(shape) }).optional();

/** The parts of a Razorpay webhook this backend reads; the rest is passed over. */
const webhookSchema = z.object({
  event: z.string(),
  payload: z
    .object({
      payment: entity({
        id: z.string(),
        amount: z.number().int(),
        currency: z.string(),
        order_id: z.string().nullish(),
        error_description: z.string().nullish(),
      }),
      order: entity({
        id: z.string(),
        notes: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).nullish(),
      }),
      refund: entity({
        id: z.string(),
        amount: z.number().int(),
        currency: z.string(),
        payment_id: z.string(),
        status: z.string().optional(),
        notes: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).nullish(),
      }),
      dispute: entity({
        id: z.string(),
        amount: z.number().int(),
        currency: z.string(),
        reason_code: z.string().nullish(),
        phase: z.string().nullish(),
      }),
    })
    .default({}),
});

type Payload = z.infer<typeof webhookSchema>['payload'];
type EntityOf<K extends keyof Payload> = NonNullable<Payload[K]>['entity'];

/** A short, stable receipt per refund request. */
const refundReceipt = (orderId: string, requestId: string): string =>
  `rf_${createHash('sha256').update(`${orderId}:${requestId}`).digest('hex').slice(0, 32)}`;

const jsonOrNull = (raw: string): unknown => {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
};

/** Razorpay sends empty notes as `[]`. */
const notesOf = (notes: unknown): Record<string, unknown> | null =>
  notes && typeof notes === 'object' && !Array.isArray(notes) ? (notes as Record<string, unknown>) : null;

/** Razorpay through its SDK: an order per payment order, webhooks verified by `validateWebhookSignature`. */
export const razorpayProvider = (
  secrets: NonNullable<PaymentSecrets['razorpay']>,
  endpoint: ProviderEndpoint,
): PaymentProvider => {
  const razorpay = new Razorpay({ key_id: secrets.keyId, key_secret: secrets.keySecret });
  if (endpoint.localUrl) {
    // The SDK has no host option; its axios instance (not in its types) takes the stand-in's URL.
    (razorpay.api as unknown as { rq: { defaults: { baseURL: string } } }).rq.defaults.baseURL =
      endpoint.localUrl;
  }

  const checkout = (orderId: string): Checkout => ({
    provider: 'razorpay',
    providerOrderId: orderId,
    clientSecret: null,
    keyId: secrets.keyId,
    checkoutUrl: endpoint.localUrl ? `${endpoint.localUrl}/checkout/razorpay/${orderId}` : null,
  });

  /** The order a Razorpay order was made for: only this backend writes its notes (createCheckout). */
  const orderRefOfOrder = async (orderId: string): Promise<OrderRef | null> =>
    orderRefOf(notesOf((await razorpay.orders.fetch(orderId)).notes));

  /**
   * The order named by notes only this backend writes (a Razorpay order's, a refund's), else by
   * the notes of the payment's Razorpay order. Never by a payment's own notes: the checkout in the
   * buyer's browser may set those, and could name another booking.
   */
  const orderRefFor = async (
    trusted: unknown,
    orderId: string | null | undefined,
  ): Promise<OrderRef | null> => orderRefOf(notesOf(trusted)) ?? (orderId ? orderRefOfOrder(orderId) : null);

  /**
   * A dispute carries its payment, not our order: the order comes from the notes of the payment's
   * Razorpay order, never from the payment's own notes (the checkout in the buyer's browser may set
   * those). The effect keeps the payment's id, and applying it checks that the named order recorded
   * that very payment.
   */
  const disputeEffect = async (
    payment: EntityOf<'payment'>,
    dispute: EntityOf<'dispute'>,
  ): Promise<EventEffect> => {
    // A retrieval request asks for information and takes no money.
    if (dispute.phase === 'retrieval' || !payment.order_id) return { kind: 'ignored' };
    const order = await orderRefOfOrder(payment.order_id);
    if (!order) return { kind: 'ignored' };
    const { id, amount, currency } = dispute;
    return chargebackOf(order, {
      id,
      paymentId: payment.id,
      amount,
      currency,
      reason: dispute.reason_code ?? 'unknown',
    });
  };

  const effectOf = async (body: z.infer<typeof webhookSchema>): Promise<EventEffect> => {
    const payment = body.payload.payment?.entity;
    const refund = body.payload.refund?.entity;
    if ((body.event === 'payment.captured' || body.event === 'order.paid') && payment) {
      const order = await orderRefFor(body.payload.order?.entity.notes, payment.order_id);
      if (!order) return { kind: 'ignored' };
      return paymentSucceeded(order, payment);
    }
    if (body.event === 'payment.failed' && payment) {
      const order = await orderRefFor(null, payment.order_id);
      if (!order) return { kind: 'ignored' };
      const reason = payment.error_description ?? 'the payment failed';
      return { kind: 'payment_failed', order, providerTransactionId: payment.id, reason };
    }
    if (body.event === 'refund.processed' && refund) {
      const order = await orderRefFor(refund.notes, payment?.order_id);
      if (!order) return { kind: 'ignored' };
      return refundSucceeded(order, refund, notesOf(refund.notes)?.requestId);
    }
    const dispute = body.payload.dispute?.entity;
    if (body.event === 'payment.dispute.created' && payment && dispute)
      return disputeEffect(payment, dispute);
    return { kind: 'ignored' };
  };

  return {
    name: 'razorpay',

    async createCheckout(order: PaymentOrder) {
      // Razorpay takes no idempotency key: an order made before a crash is found by its receipt.
      const { items } = await razorpay.orders.all({ receipt: order.orderId });
      const made =
        items[0] ??
        (await razorpay.orders.create({
          amount: order.quote.total,
          currency: order.quote.currency,
          receipt: order.orderId,
          notes: metadataOf(order),
        }));
      return checkout(made.id);
    },

    async checkoutOf(order) {
      return checkout(order.providerOrderId);
    },

    async lookup(order) {
      const { items } = await razorpay.orders.fetchPayments(order.providerOrderId);
      const captured = items.find((p) => p.status === 'captured');
      return captured
        ? {
            providerTransactionId: captured.id,
            amount: Number(captured.amount),
            currency: captured.currency.toUpperCase(),
          }
        : null;
    },

    async close() {
      // A Razorpay order cannot be closed: a payment after this follows the late-payment policy.
    },

    async refund({ order, paymentId, requestId, amount }) {
      try {
        // Razorpay takes no idempotency key: a refund made before a crash is found by its notes.
        const { items } = await razorpay.payments.fetchMultipleRefund(paymentId, { count: 100 });
        const made =
          items.find((r) => notesOf(r.notes)?.requestId === requestId) ??
          (await razorpay.payments.refund(paymentId, {
            amount,
            // Razorpay's receipt takes at most 40 characters; the notes keep the request id whole.
            receipt: refundReceipt(order.orderId, requestId),
            notes: { ...metadataOf(order), requestId },
          }));
        return { providerRefundId: made.id, amount: Number(made.amount) };
      } catch (err) {
        throw providerFailure('razorpay', err);
      }
    },

    async verifyWebhook(input: WebhookInput): Promise<ProviderEvent> {
      const signature = input.headers['x-razorpay-signature'];
      const eventId = input.headers['x-razorpay-event-id'];
      const raw = input.rawBody.toString('utf8');
      const valid =
        signature !== undefined &&
        secrets.webhookSecrets.some((secret) => Razorpay.validateWebhookSignature(raw, signature, secret));
      if (!valid || !eventId) throw invalidSignature();
      const parsed = webhookSchema.safeParse(jsonOrNull(raw));
      // Signed by Razorpay but not the shape we read: kept as an event we do not act on.
      const effect: EventEffect = parsed.success ? await effectOf(parsed.data) : { kind: 'ignored' };
      const type = parsed.success ? parsed.data.event : 'unreadable';
      return { provider: 'razorpay', eventId, type, effect };
    },
  };
};
