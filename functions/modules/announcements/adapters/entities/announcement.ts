import { CustomAttributeType, Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';
import type { AnnouncementChannel } from '../../domain/model.js';

/**
 * An event's announcement. Every change of it is conditional on the status and update time read.
 * Its notifications live in the outbox, in a partition of their own
 * (`${orgId}#session#${announcementId}#outbox`), where its delivery counts are read from.
 *
 * Key templates:
 * - table: pk `${orgId}#announcements#event#${eventId}`  sk `announcement#${announcementId}`
 */
export const announcementEntity = new Entity({
  model: { ...entityBase, entity: 'announcement' },
  attributes: {
    ...fixedStrings('orgId', 'eventId', 'announcementId', 'createdBy', 'createdAt'),
    title: { type: 'string', required: true },
    content: { type: 'string', required: true },
    priority: { type: ['low', 'normal', 'high', 'urgent'] as const, required: true },
    audience: {
      type: ['all', 'attendees', 'speakers', 'sponsors', 'organizers', 'sessions'] as const,
      required: true,
    },
    sessionIds: { type: 'list', items: { type: 'string' }, required: true },
    channels: {
      type: 'list',
      items: { type: CustomAttributeType<AnnouncementChannel>('string') },
      required: true,
    },
    status: { type: ['draft', 'scheduled', 'sending', 'sent', 'cancelled'] as const, required: true },
    scheduledFor: { type: 'string' },
    sendingAt: { type: 'string' },
    sentAt: { type: 'string' },
    recipientCount: { type: 'number' },
    cancelledAt: { type: 'string' },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byEvent: {
      pk: key('pk', ['orgId', 'eventId'], '${orgId}#announcements#event#${eventId}'),
      sk: key('sk', ['announcementId'], 'announcement#${announcementId}'),
    },
  },
});
