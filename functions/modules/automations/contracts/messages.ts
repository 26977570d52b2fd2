import * as z from 'zod';

/**
 * The message of the `automations` queue: a domain event as the bus's rule wraps it (the
 * DomainEvent JSON under `event`; locally the local bus sends the same), with the causation an
 * automation's action gave it, if any (docs/automations.md, "Loops").
 */
export const automationMessageSchema = z.object({
  type: z.literal('automations.event'),
  event: z.looseObject({
    id: z.string().min(1),
    type: z.string().min(1),
    version: z.number().int(),
    orgId: z.string().min(1),
    occurredAt: z.iso.datetime({ offset: true }),
    subject: z.object({ type: z.string().min(1), id: z.string().min(1) }),
    data: z.record(z.string(), z.unknown()),
    causedBy: z
      .object({
        workflowId: z.string().min(1),
        runId: z.string().min(1),
        depth: z.number().int().min(1),
        chain: z.array(z.string()),
      })
      .optional(),
  }),
});

export type AutomationMessage = z.infer<typeof automationMessageSchema>;

/** The message the rule (and the local bus) puts on the `automations` queue for an event. */
export const automationMessageOf = (eventJson: string): string =>
  `{"type":"automations.event","event":${eventJson}}`;
