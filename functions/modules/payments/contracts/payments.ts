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

const categoryId = z
  .string()
  .nullable()
  .openapi({ description: 'The ticket category; null for an event sold at one price' });

const quoteLineSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('ticket'),
      categoryId,
      name: z.string(),
      seats: z.number().int(),
      unitAmount: minor,
      amount: minor.openapi({ description: 'unitAmount x seats' }),
    }),
    z.object({
      kind: z.literal('discount'),
      code: z.string().openapi({ description: 'The promo code' }),
      categoryId,
      name: z.string().openapi({ description: 'The name of the ticket line it takes off' }),
      amount: minor.openapi({ description: 'Negative: what the code takes off that ticket line' }),
    }),
    z.object({
      kind: z.literal('tax'),
      name: z.string(),
      ratePercent: z.number(),
      number: z.string().nullable(),
      amount: minor,
    }),
    z.object({ kind: z.literal('fee'), name: z.string(), amount: minor }),
  ])
  .openapi('PaymentQuoteLine');

const quoteSchema = z
  .object({
    currency: z.string().openapi({ example: 'INR' }),
    unitAmount: minor
      .nullable()
      .openapi({ description: 'The unit price when every ticket line has the same one' }),
    seats: z.number().int(),
    lines: z.array(quoteLineSchema).openapi({
      description:
        'Ticket lines, then one discount line per ticket line a promo code covers, the tax (whenever one is set) and the fee (when any). Every amount is in minor units, rounded half up; they add up to the total',
    }),
    subtotal: minor.openapi({ description: 'Tickets less discounts, in minor units (never negative)' }),
    tax: z
      .object({ name: z.string(), ratePercent: z.number(), number: z.string().nullable(), amount: minor })
      .nullable(),
    fee: minor.openapi({ description: "The platform's fee, in minor units" }),
    total: minor.openapi({ description: 'What the buyer pays, in minor units: the sum of the lines' }),
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
