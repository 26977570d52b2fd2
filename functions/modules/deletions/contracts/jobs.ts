import { orgIdSchema } from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';

/** Where a job that walks a list in steps left off (a list cursor, passed back as it came). */
const cursor = z.string().min(1).max(4_096);

/** Messages on the jobs queue (from the API, and jobs re-enqueueing themselves). */
export const jobMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('org.delete'), orgId: orgIdSchema }),
  z.strictObject({
    type: z.literal('catalog.delete'),
    orgId: orgIdSchema,
    targetId: z.string().min(1).max(64),
  }),
  z.strictObject({
    type: z.literal('session.cancel'),
    orgId: orgIdSchema,
    sessionId: z.string().min(1).max(64),
    cursor: cursor.optional(),
    pass: z.number().int().min(1).max(100).optional(),
    waitlist: z.boolean().optional(),
  }),
  z.strictObject({
    type: z.literal('event.cancel'),
    orgId: orgIdSchema,
    eventId: z.string().min(1).max(64),
    by: z.string().min(1).max(256),
    cursor: cursor.optional(),
  }),
  // From "send now" and from an announcement's schedule (modules/announcements).
  z.strictObject({
    type: z.literal('announcement.send'),
    orgId: orgIdSchema,
    eventId: z.string().min(1).max(64),
    announcementId: z.string().min(1).max(64),
    scheduledFor: z.iso.datetime({ offset: true }).optional(),
  }),
  // From a campaign post's schedule (modules/marketing).
  z.strictObject({
    type: z.literal('post.publish'),
    orgId: orgIdSchema,
    eventId: z.string().min(1).max(64),
    campaignId: z.string().min(1).max(64),
    postId: z.string().min(1).max(64),
    scheduledFor: z.iso.datetime({ offset: true }).optional(),
  }),
  // From an account's deletion (modules/profiles).
  z.strictObject({ type: z.literal('account.erase'), userId: z.string().min(1).max(256) }),
]);

export type JobMessageBody = z.infer<typeof jobMessageSchema>;
