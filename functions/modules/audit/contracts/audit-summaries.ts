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
