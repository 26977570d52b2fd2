import { isoDateTime, orgIdSchema, sessionIdSchema } from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import { capacityReleasedMessageSchema } from '../../notifications/index.js';

/**
 * Messages on the holds queue: one `hold.expire` per hold-expiry schedule (EventBridge Scheduler in
 * AWS, the local firer in `npm start`), and `holds.sweep` from the one-minute sweeper rule. Both
 * land on the same queue so one consumer owns hold expiry end to end, with the outbox's
 * `capacity.released` events (notifications/contracts/capacity-released.ts).
 */
export const holdExpireMessageSchema = z.strictObject({
  type: z.literal('hold.expire'),
  orgId: orgIdSchema,
  sessionId: sessionIdSchema,
  bookingId: z.string().regex(/^[\w-]{1,64}$/),
  at: isoDateTime,
});

/** Delivered by a hold's reminder schedule, a few minutes before its deadline. */
export const holdRemindMessageSchema = holdExpireMessageSchema.extend({ type: z.literal('hold.remind') });

export const holdsSweepMessageSchema = z.strictObject({ type: z.literal('holds.sweep') });

export const holdsMessageSchema = z.discriminatedUnion('type', [
  holdExpireMessageSchema,
  holdRemindMessageSchema,
  holdsSweepMessageSchema,
  capacityReleasedMessageSchema,
]);

export type HoldRemindMessage = z.infer<typeof holdRemindMessageSchema>;
export type HoldExpireMessage = z.infer<typeof holdExpireMessageSchema>;
export type HoldsMessage = z.infer<typeof holdsMessageSchema>;

/** What the sweeper rule (CDK) and the local runtime's sweep timer put on the holds queue. */
export const holdsSweepMessage = { type: 'holds.sweep' } as const satisfies HoldsMessage;
