import { orgIdSchema, sessionIdSchema } from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import { chunkLimit } from '../domain/nightly-model.js';

const night = z.iso.date();
const id = z.string().min(1).max(64);

const sessionSummary = z.strictObject({
  sessionId: sessionIdSchema,
  eventId: id,
  venueId: id,
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  timezone: z.string().min(1).max(64),
  capacity: z.number().int().min(0),
  overbooked: z.number().int().min(0),
  status: z.enum(['scheduled', 'cancelled']),
  deleting: z.boolean(),
});

/** Messages on the nightly queue: the rule's tick, an organization's steps, chunks of its sessions. */
export const nightlyMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('nightly.tick'),
    night: night.optional(),
    cursor: z.string().min(1).max(4_096).optional(),
  }),
  z.strictObject({
    type: z.literal('nightly.org'),
    orgId: orgIdSchema,
    night,
    step: z.number().int().min(0),
  }),
  z.strictObject({
    type: z.literal('nightly.sessions'),
    orgId: orgIdSchema,
    night,
    chunk: z.string().min(1).max(32),
    sessions: z.array(sessionSummary).min(1).max(chunkLimit),
  }),
]);

export type NightlyMessageBody = z.infer<typeof nightlyMessageSchema>;
