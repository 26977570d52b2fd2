import {
  freeText,
  isoDateTime,
  orgIdSchema,
  orgParams,
  sessionIdSchema,
  stampFields,
} from '../../../kernel/contracts/common.js';

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

const minor = z.number().int().openapi({ description: 'In minor units (cents, paise)' });

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

export const refundBody = z
  .strictObject({
    requestId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 letters, digits, dashes or underscores (e.g. a UUID)')
      .openapi({
        description: 'Your id for this refund: asking again with it refunds once',
        example: 'rf-2f1c9a7e-0b',
      }),
    amountMinor: z
      .number()
      .int()
      .min(1)
      .max(100_000_000_000)
      .optional()
      .openapi({ description: 'Staff only: part of the payment, in minor units. Default: all that is left' }),
    reason: freeText(z.string().trim().min(1).max(200)).optional(),
  })
  .openapi('RefundRequestBody');

export const refundSchema = z
  .object({
    orgId: orgIdSchema,
    sessionId: sessionIdSchema,
    bookingId: z.string(),
    orderId: z.string(),
    requestId: z.string(),
    amount: minor,
    reason: z.string(),
    status: z.enum(['requested', 'succeeded', 'failed']),
    providerRefundId: z.string().nullable(),
    failureReason: z.string().nullable(),
    requestedBy: z.string(),
    ...stampFields,
  })
  .openapi('Refund');

export const refundAnswerSchema = z
  .object({ refund: refundSchema, order: paymentOrderSchema })
  .openapi('RefundAnswer');

export const receiptSchema = z
  .object({
    provider: providerSchema,
    eventId: z.string(),
    type: z.string().openapi({ example: 'payment_intent.succeeded' }),
    status: z.enum(['received', 'applied', 'ignored', 'failed']),
    error: z.string().nullable().openapi({ description: 'Why it could not be applied' }),
    orgId: z.string().nullable(),
    receivedAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .openapi('WebhookReceipt');

export const receiptParams = orgParams.extend({
  provider: providerSchema,
  eventId: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,200}$/, "must be a provider's event id")
    .openapi({ example: 'evt_1Q2w3E4r5T6y7U8i' }),
});

export const reviewBody = z
  .strictObject({
    decision: z.enum(['accept', 'refund']).openapi({
      description:
        'accept: confirm the lapsed booking again if its places are free; refund: give the money back',
    }),
  })
  .openapi('LatePaymentDecision');
