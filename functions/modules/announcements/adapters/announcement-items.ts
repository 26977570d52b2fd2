import type { EntityItem } from 'electrodb';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import type { Announcement } from '../domain/model.js';
import type { announcementEntity } from './entities/announcement.js';

type AnnouncementItem = EntityItem<typeof announcementEntity>;

export const storedAnnouncement = (a: Announcement) => toStored(a);

export const toAnnouncement = fromStored<Announcement, AnnouncementItem>({
  nullable: {
    scheduledFor: true,
    sendingAt: true,
    sentAt: true,
    recipientCount: true,
    cancelledAt: true,
  },
  itemOnly: {},
});
