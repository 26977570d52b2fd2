import {
  freeText,
  isoDateTime,
  orgIdSchema,
  orgParams,
  stampFields,
  utcInstant,
} from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import { webhookEventTypes } from '../domain/model.js';

export const subscriptionIdSchema = z
  .string()
  .regex(
    /^whs_[0-9a-z]{20}$/,
    'must be a webhook subscription id (whs_ followed by 20 lowercase letters or digits)',
  )
  .openapi({ example: 'whs_5k9m3p7r1t5v9x3z7b1d' });

export const subscriptionParams = orgParams.extend({ subscriptionId: subscriptionIdSchema });

const eventTypeSchema = z.enum([...webhookEventTypes, '*']).openapi('WebhookEventType', {
  description: "An event type to deliver; '*' delivers every type",
});

const fields = {
  url: z
    .string()
    .trim()
    .max(2048)
    .pipe(z.url({ protocol: /^https?$/, error: 'must be an https:// URL' }))
    .openapi({
      description: 'The endpoint deliveries are POSTed to (https)',
      example: 'https://example.com/hooks/evently',
    }),
  eventTypes: z
    .array(eventTypeSchema)
    .min(1)
    .max(webhookEventTypes.length + 1)
    .openapi({
      description: 'The event types to deliver',
      example: ['booking.confirmed', 'booking.cancelled'],
    }),
  description: freeText(z.string().trim().max(200)).openapi({ example: 'CRM sync' }),
};

export const createSubscriptionBody = z
  .strictObject({ ...fields, description: fields.description.optional() })
  .openapi('CreateWebhookSubscription');

export const updateSubscriptionBody = z
  .strictObject({
    url: fields.url.optional(),
    eventTypes: fields.eventTypes.optional(),
    description: fields.description
      .nullable()
      .optional()
      .openapi({ description: 'A new description, or null to clear it' }),
  })
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change')
  .openapi('UpdateWebhookSubscription');

export const subscriptionSchema = z
  .object({
    orgId: orgIdSchema,
    subscriptionId: subscriptionIdSchema,
    ...fields,
    description: fields.description.nullable(),
    status: z.enum(['active', 'paused']),
    pausedBy: z
      .enum(['failures', 'staff'])
      .nullable()
      .openapi({ description: 'Who paused it: the lane after repeated failures, or staff' }),
    pausedAt: isoDateTime.nullable(),
    consecutiveFailures: z.number().int().min(0).openapi({ description: 'Deliveries failed in a row' }),
    failingSince: isoDateTime
      .nullable()
      .openapi({ description: 'The first failed attempt since the last delivery' }),
    lastDeliveredAt: isoDateTime.nullable(),
    lastFailedAt: isoDateTime.nullable(),
    previousSecretValidUntil: isoDateTime
      .nullable()
      .openapi({ description: 'After a rotation: until when the previous secret still signs (a second v1)' }),
    ...stampFields,
  })
  .openapi('WebhookSubscription');

export const subscriptionWithSecretSchema = z
  .object({
    subscription: subscriptionSchema,
    secret: z.string().openapi({
      description: 'The signing secret: shown this once, never again (docs/webhooks.md)',
      example: 'whsec_3Jq...',
    }),
  })
  .openapi('WebhookSubscriptionSecret');

export const deliverySchema = z
  .object({
    eventId: z.string(),
    eventType: z.string(),
    subject: z.string().openapi({ example: 'booking:bkg_3f7h1k5m9p3r7t1v5x9z' }),
    occurredAt: isoDateTime,
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int().min(0),
    firstAttemptAt: isoDateTime.nullable(),
    lastAttemptAt: isoDateTime.nullable(),
    nextAttemptAt: isoDateTime.nullable(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    deliveredAt: isoDateTime.nullable(),
    failedAt: isoDateTime.nullable(),
    replayedAt: isoDateTime.nullable(),
    createdAt: isoDateTime,
  })
  .openapi('WebhookDelivery');

export const replayBody = z
  .strictObject({
    from: utcInstant.openapi({ description: 'Events that occurred at or after this instant' }),
    to: utcInstant.openapi({ description: 'Events that occurred at or before this instant' }),
  })
  .openapi('WebhookReplay');

export const replayResultSchema = z
  .object({
    replayed: z.number().int().min(0),
    limited: z
      .boolean()
      .openapi({ description: 'More events lay in the range than one replay resends (1,000)' }),
  })
  .openapi('WebhookReplayResult');
