import { isoDateTime, orgIdSchema } from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';

/** A background delete of a venue, event or session (functions/modules/deletions/domain/model.ts). */
export const deletionSchema = z
  .object({
    orgId: orgIdSchema,
    targetId: z.string().openapi({ example: 'ven_4k8m2p6r0t4v8x2z6b0d' }),
    kind: z.enum(['venue', 'event', 'session']),
    status: z.enum(['running', 'completed']),
    requestedBy: z.string().openapi({ example: 'user-owner' }),
    requestedAt: isoDateTime,
    completedAt: isoDateTime.nullable(),
    deletedItems: z.number().int().openapi({ description: 'Items removed so far', example: 0 }),
  })
  .openapi('Deletion');
