import { isoDateTime, orgParams } from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import { providerSchema } from './payments.js';

export const receiptSchema = z
  .object({
    provider: providerSchema,
    eventId: z.string(),
    type: z.string().openapi({ example: 'payment_intent.succeeded' }),
    status: z.enum(['received', 'applied', 'ignored', 'failed']),
    error: z.string().nullable().openapi({ description: 'Why it could not be applied' }),
    orgId: z.string().nullable(),
    handoffs: z.number().int().openapi({ description: 'Times the sweep handed it to the queue again' }),
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
