import * as z from 'zod';

/**
 * Messages of the webhook queues: a domain event as the bus delivers it (the DomainEvent JSON
 * itself, functions/kernel/domain/domain-event.ts) on `webhooks`, or a lane message of one
 * subscription on `lanes`.
 */
export const laneMessageSchema = z.object({
  type: z.literal('webhooks.lane'),
  orgId: z.string().min(1),
  subscriptionId: z.string().min(1),
  /** The one delayed message that ends a backoff wait. */
  wake: z.boolean().default(false),
});

export type LaneMessage = z.infer<typeof laneMessageSchema>;

export const domainEventSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string().min(1),
  version: z.number().int(),
  orgId: z.string().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
  subject: z.object({ type: z.string().min(1), id: z.string().min(1) }),
  data: z.record(z.string(), z.unknown()),
});
