import { orgIdSchema, sessionIdSchema } from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';

/**
 * Places of a session came free (cancel, hold or offer expiry, decline, capacity raise): relayed
 * from the outbox's `capacity.released` item. The waitlist answers it by offering to the next
 * entries that fit; handling it twice is harmless, since offers are decided from the stored state.
 */
export const capacityReleasedMessageSchema = z.strictObject({
  type: z.literal('capacity.released'),
  orgId: orgIdSchema,
  sessionId: sessionIdSchema,
});

export type CapacityReleasedMessage = z.infer<typeof capacityReleasedMessageSchema>;
