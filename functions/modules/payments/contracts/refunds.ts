import { freeText, orgIdSchema, sessionIdSchema, stampFields } from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import { minor, paymentOrderSchema } from './payments.js';

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

export const reviewBody = z
  .strictObject({
    decision: z.enum(['accept', 'refund']).openapi({
      description:
        'accept: confirm the lapsed booking again if its places are free; refund: give the money back',
    }),
  })
  .openapi('LatePaymentDecision');
