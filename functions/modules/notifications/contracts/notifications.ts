import { isoDateTime, orgIdSchema } from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';

/** Notifications: the in-app list, read marks, per-organization preferences, and queue messages. */

export const notificationIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,600}$/, 'must be a notification id as listed by GET /v1/me/notifications')
  .openapi({ example: 'WyJvcmdfMGgzazVtN245cDFxM3I1czd0OXYiLCJzZXNfM2Y3aDFrNW05cDNyN3QxdjV4OXoiXQ' });

/** Where a notification is kept: its session's outbox, or an announcement's (docs/announcements.md). */
const outboxPartitionSchema = z
  .string()
  .regex(/^(ses|ann)_[0-9a-z]{20}$/, 'must be a session or announcement id')
  .openapi({ description: 'The session it is about, or the announcement (ann_…) that sent it' });

export const notificationParams = z.strictObject({ notificationId: notificationIdSchema });

const channelSchema = z.enum(['email', 'sms', 'push', 'in_app']).openapi('NotificationChannel');

export const notificationSchema = z
  .object({
    notificationId: notificationIdSchema,
    orgId: orgIdSchema,
    sessionId: outboxPartitionSchema,
    type: z.string().openapi({ example: 'booking.confirmed' }),
    status: z.enum(['pending', 'sent', 'failed']),
    sentChannels: z.array(channelSchema.exclude(['in_app'])),
    payload: z.record(z.string(), z.unknown()),
    createdAt: isoDateTime,
    readAt: isoDateTime.nullable(),
  })
  .openapi('Notification');

const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day HH:MM (00:00-23:59)')
  .openapi({ example: '22:00' });

const quietHoursSchema = z.strictObject({ start: hhmm, end: hhmm.openapi({ example: '07:00' }) }).openapi({
  description:
    "In the venue's time zone: SMS and push wait until they end (email and in-app do not). Start after end spans midnight",
});

/** A PUT replaces the whole preferences: leaving out `quietHours` means none. */
export const notificationPreferencesSchema = z
  .strictObject({
    channels: z
      .array(channelSchema)
      .max(4)
      .refine((c) => new Set(c).size === c.length, 'must not name a channel twice')
      .openapi({
        description: 'Where notifications of this organization reach you',
        example: ['email', 'in_app'],
      }),
    quietHours: quietHoursSchema.optional(),
  })
  .openapi('NotificationPreferencesInput');

export const notificationPreferencesViewSchema = z
  .object({
    channels: z.array(channelSchema),
    quietHours: quietHoursSchema.nullable().openapi({ description: 'null: no quiet hours' }),
  })
  .openapi('NotificationPreferences');

/** On the notifications queue: deliver one outbox notification (the relay and its sweep send it). */
export const notificationDeliverMessageSchema = z.strictObject({
  type: z.literal('notification.deliver'),
  orgId: orgIdSchema,
  sessionId: outboxPartitionSchema,
  at: isoDateTime,
  messageId: z.string().min(1).max(300),
});

/** On the notifications queue: re-enqueue what the stream relay missed (the one-minute rule sends it). */
export const outboxSweepMessageSchema = z.strictObject({ type: z.literal('outbox.sweep') });

export const notificationsMessageSchema = z.discriminatedUnion('type', [
  notificationDeliverMessageSchema,
  outboxSweepMessageSchema,
]);

export type NotificationDeliverMessage = z.infer<typeof notificationDeliverMessageSchema>;
export type NotificationsMessage = z.infer<typeof notificationsMessageSchema>;

export const outboxSweepMessage = { type: 'outbox.sweep' } as const satisfies NotificationsMessage;
