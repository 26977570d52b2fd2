import { isoDateTime, orgIdSchema, orgParams } from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';

export const auditSummaryParams = /* @__PURE__ */ orgParams.extend({
  day: z.iso.date().openapi({ description: 'A UTC day (YYYY-MM-DD)', example: '2026-12-03' }),
});

const countsSchema = /* @__PURE__ */ z.record(z.string(), z.number().int().min(0));

export const auditSummarySchema = /* @__PURE__ */ z
  .object({
    orgId: orgIdSchema,
    day: z.iso.date(),
    total: z.number().int().min(0),
    byKind: countsSchema.openapi({ description: 'Changes per kind, e.g. `booking.confirmed`' }),
    byActor: countsSchema.openapi({ description: 'Changes per actor: a user id, or the system job' }),
    byActorAndKind: z
      .record(z.string(), countsSchema)
      .openapi({ description: 'Per actor, their changes by kind (`{ actor: { kind: count } }`)' }),
    generatedAt: isoDateTime,
  })
  .openapi('AuditSummary');

const selectorText = /* @__PURE__ */ z.string().min(1).max(200);

/** Exactly one of a target (type and id), an actor or a day. */
export const auditTrailQuery = /* @__PURE__ */ z
  .strictObject({
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().min(1).max(2048).optional(),
    targetType: selectorText
      .optional()
      .openapi({ description: 'The kind of item changed, e.g. `booking`, `venue` (with `targetId`)' }),
    targetId: selectorText
      .optional()
      .openapi({ description: 'The id of the item changed (with `targetType`)' }),
    actor: selectorText
      .optional()
      .openapi({ description: 'Who changed: a user id, a job (`jobs`, `holds`, ...) or a provider route' }),
    day: z.iso
      .date()
      .optional()
      .openapi({ description: 'A UTC day (YYYY-MM-DD): its changes in time order' }),
  })
  .superRefine((q, ctx) => {
    const target = q.targetType !== undefined || q.targetId !== undefined;
    const chosen = [target, q.actor !== undefined, q.day !== undefined].filter(Boolean).length;
    if (chosen !== 1)
      ctx.addIssue({
        code: 'custom',
        path: ['targetType'],
        message: 'give exactly one of targetType with targetId, actor or day',
      });
    else if (target && (q.targetType === undefined || q.targetId === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [q.targetType === undefined ? 'targetType' : 'targetId'],
        message: 'targetType and targetId go together',
      });
  });

export const auditEntrySchema = /* @__PURE__ */ z
  .object({
    recordId: z.string(),
    at: isoDateTime,
    actor: z.object({ type: z.string(), id: z.string(), role: z.string().nullable() }),
    action: z
      .string()
      .openapi({ description: 'The route (operationId) or job message that made the change' }),
    requestId: z.string().nullable(),
    target: z.object({ type: z.string(), id: z.string() }),
    change: z.enum(['created', 'updated', 'written', 'deleted']).openapi({
      description: '`written`: the item was put whether or not it was there',
    }),
    fields: z.array(z.string()).openapi({ description: 'Names of the fields written (never their values)' }),
    also: z.array(z.string()).openapi({ description: 'Kinds of the other items the same commit changed' }),
    details: z.record(z.string(), z.unknown()).nullable(),
    seq: z.number().int().nullable().openapi({ description: 'Its place in its hash chain, once sealed' }),
  })
  .openapi('AuditEntry');
