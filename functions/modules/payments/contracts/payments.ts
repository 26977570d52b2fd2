import { isoDateTime, orgIdSchema, sessionIdSchema, stampFields } from '../../../kernel/contracts/common.js';

import * as z from '../../../kernel/contracts/zod.js';

export const providerSchema = z.enum(['stripe', 'razorpay']).openapi('PaymentProvider');

export const startPaymentBody = z
  .strictObject({
    provider: providerSchema.openapi({
      description:
        "One of the tenant's providers (a client's checkout is built for one). Once the order exists, it keeps its provider",
    }),
  })
  .openapi('StartPayment');

export const minor = z.number().int().openapi({ description: 'In minor units (cents, paise)' });

const quoteSchema = z
  .object({
    currency: z.string().openapi({ example: 'INR' }),
    unitAmount: minor,
    seats: z.number().int(),
    subtotal: minor,
    tax: z
      .object({ name: z.string(), ratePercent: z.number(), number: z.string().nullable(), amount: minor })
      .nullable(),
    fee: minor.openapi({ description: "The platform's fee, in minor units" }),
    total: minor.openapi({ description: 'What the buyer pays, in minor units' }),
  })
  .openapi('PaymentQuote');

export const paymentOrderSchema = z
  .object({
    orgId: orgIdSchema,
    sessionId: sessionIdSchema,
    bookingId: z.string(),
    eventId: z.string(),
    orderId: z.string().openapi({ example: 'pay_0a1b2c3d4e5f6g7h8j9k' }),
    provider: providerSchema,
    quote: quoteSchema,
    status: z.enum(['pending', 'paid', 'failed', 'expired', 'partially_refunded', 'refunded']),
    providerOrderId: z.string().nullable(),
    paidAmount: minor,
    refundedAmount: minor,
    refundPending: minor.openapi({ description: 'Refunds asked of the provider, not yet confirmed' }),
    failureReason: z.string().nullable(),
    expiresAt: isoDateTime,
    review: z.enum(['late_payment']).nullable(),
    refundOwedSince: isoDateTime.nullable().openapi({
      description: 'Set while a refund is owed (the session was cancelled): the reconciler makes it',
    }),
    ...stampFields,
  })
  .openapi('PaymentOrder');

export const checkoutSchema = z
  .object({
    provider: providerSchema,
    providerOrderId: z.string().openapi({ description: 'The Stripe PaymentIntent id or Razorpay order id' }),
    clientSecret: z.string().nullable().openapi({ description: "Stripe: the PaymentIntent's client secret" }),
    keyId: z.string().nullable().openapi({ description: 'Razorpay: the key id for its checkout' }),
    checkoutUrl: z.string().nullable().openapi({ description: "The local provider's page that pays" }),
  })
  .openapi('Checkout');

export const paymentStartSchema = z
  .object({ order: paymentOrderSchema, checkout: checkoutSchema })
  .openapi('PaymentStart');

export const webhookParams = z.object({ provider: providerSchema });

export const webhookAnswerSchema = z
  .object({ received: z.literal(true), duplicate: z.boolean() })
  .openapi('WebhookReceived');

export const stuckOrdersQuery = z
  .strictObject({
    limit: z.coerce.number().int().min(1).max(100).default(50).openapi({ description: 'At most this many' }),
  })
  .openapi('StuckOrdersQuery');

export const stuckOrdersSchema = z
  .object({ items: z.array(paymentOrderSchema) })
  .openapi('StuckPaymentOrders');
