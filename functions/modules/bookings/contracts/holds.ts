import { isoDateTime, orgIdSchema } from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import { sessionIdSchema } from '../../catalog/contracts/sessions.js';

/**
 * Messages on the holds queue: one `hold.expire` per hold-expiry schedule (EventBridge Scheduler in
 * AWS, the local firer in `npm start`), and `holds.sweep` from the one-minute sweeper rule. Both
 * land on the same queue so one consumer owns hold expiry end to end.
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

export const holdsMessageSchema = z.discriminatedUnion('type', [
  holdExpireMessageSchema,
  holdRemindMessageSchema,
  holdsSweepMessageSchema,
  capacityReleasedMessageSchema,
]);

export type CapacityReleasedMessage = z.infer<typeof capacityReleasedMessageSchema>;
export type HoldRemindMessage = z.infer<typeof holdRemindMessageSchema>;
export type HoldExpireMessage = z.infer<typeof holdExpireMessageSchema>;
export type HoldsMessage = z.infer<typeof holdsMessageSchema>;

/** What the sweeper rule (CDK) and the local runtime's sweep timer put on the holds queue. */
export const holdsSweepMessage = { type: 'holds.sweep' } as const satisfies HoldsMessage;
