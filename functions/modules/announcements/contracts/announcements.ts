import {
  eventParams,
  freeText,
  isoDateTime,
  sessionIdSchema,
  stampFields,
} from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import {
  announcementAudiences,
  announcementChannels,
  announcementPriorities,
  announcementStatuses,
} from '../domain/model.js';

/** An event's announcements, their sending and their delivery counts (docs/announcements.md). */

export const announcementIdSchema = z
  .string()
  .regex(/^ann_[0-9a-z]{20}$/, 'must be an announcement id (ann_ followed by 20 lowercase letters or digits)')
  .openapi({ example: 'ann_5k9m3p7r1t5v9x3z7b1d' });

export const announcementParams = eventParams.extend({ announcementId: announcementIdSchema });

const prioritySchema = z.enum(announcementPriorities).openapi('AnnouncementPriority');
const audienceSchema = z.enum(announcementAudiences).openapi('AnnouncementAudience', {
  description:
    'all and attendees: holders of live bookings of the event; sessions: of the given sessions; speakers; organizers (owner, admin, organizer members); sponsors: nobody yet',
});
const channelSchema = z.enum(announcementChannels).openapi('AnnouncementChannel');
const statusSchema = z.enum(announcementStatuses).openapi('AnnouncementStatus', {
  description: 'draft -> scheduled -> sending -> sent; draft or scheduled -> cancelled',
});

const fields = {
  title: freeText(z.string().trim().min(1).max(200)).openapi({ example: 'Doors open at 9' }),
  content: freeText(z.string().trim().min(1).max(4000), { multiline: true }).openapi({
    example: 'Registration opens at 8:30 in the main hall.',
  }),
  priority: prioritySchema.optional(),
  audience: audienceSchema,
  sessionIds: z.array(sessionIdSchema).max(50).optional(),
  channels: z.array(channelSchema).min(1).max(4),
};

export const createAnnouncementBody = z.strictObject(fields).openapi('CreateAnnouncement');

export const updateAnnouncementBody = z
  .strictObject({
    ...fields,
    title: fields.title.optional(),
    content: fields.content.optional(),
    audience: audienceSchema.optional(),
    channels: fields.channels.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change')
  .openapi('UpdateAnnouncement');

export const scheduleAnnouncementBody = z
  .strictObject({ at: isoDateTime.openapi({ description: 'When to send it (in the future)' }) })
  .openapi('ScheduleAnnouncement');

const channelCountSchema = z
  .object({
    channel: channelSchema,
    queued: z.number().int(),
    delivered: z.number().int(),
    skipped: z.number().int(),
  })
  .openapi('AnnouncementChannelCount');

export const announcementSchema = z
  .object({
    orgId: z.string(),
    eventId: z.string(),
    announcementId: announcementIdSchema,
    title: z.string(),
    content: z.string(),
    priority: prioritySchema,
    audience: audienceSchema,
    sessionIds: z.array(z.string()),
    channels: z.array(channelSchema),
    status: statusSchema,
    scheduledFor: isoDateTime.nullable(),
    sendingAt: isoDateTime.nullable(),
    sentAt: isoDateTime.nullable(),
    recipientCount: z.number().int().nullable(),
    cancelledAt: isoDateTime.nullable(),
    createdBy: z.string(),
    deliveryCounts: z
      .object({ recipients: z.number().int(), channels: z.array(channelCountSchema) })
      .nullable()
      .openapi({ description: 'Per channel, once sending began (read one by one; null in lists)' }),
    ...stampFields,
  })
  .openapi('Announcement');

/** The jobs queue's message that sends an announcement (`scheduledFor`: from its schedule). */
export const announcementSendMessageSchema = z.strictObject({
  type: z.literal('announcement.send'),
  orgId: z.string().min(1).max(64),
  eventId: z.string().min(1).max(64),
  announcementId: announcementIdSchema,
  scheduledFor: isoDateTime.optional(),
});
