import { orgIdSchema } from './common.js';
import * as z from './zod.js';

/** Messages on the jobs queue (from the API, the nightly rule, and jobs re-enqueueing themselves). */
export const jobMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('org.delete'), orgId: orgIdSchema }),
  z.strictObject({
    type: z.literal('catalog.delete'),
    orgId: orgIdSchema,
    targetId: z.string().min(1).max(64),
  }),
  z.strictObject({ type: z.literal('nightly.tick') }),
]);

export type JobMessageBody = z.infer<typeof jobMessageSchema>;
