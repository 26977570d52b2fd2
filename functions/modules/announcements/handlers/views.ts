import type { Announcement, DeliveryCounts } from '../domain/model.js';

/** What a reader sees of an announcement: itself, and its counts when read one by one. */
export const announcementView = (a: Announcement, counts: DeliveryCounts | null = null) => ({
  ...a,
  deliveryCounts: counts,
});
