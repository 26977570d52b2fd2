/** The announcements module's entry: an event's announcements and their sending (docs/announcements.md). */
export type { Announcement, AnnouncementStatus } from './domain/model.js';
