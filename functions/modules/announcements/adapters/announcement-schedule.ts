import type { AnnouncementRef } from '../domain/ports.js';

/** One schedule per announcement, in the stack's schedule group beside the holds' (`hold-…`). */
export const announcementScheduleName = (ref: AnnouncementRef): string => `ann-${ref.announcementId}`;

/** The jobs queue's message a schedule delivers: the time it was made for rides along. */
export const scheduledSendMessage = (ref: AnnouncementRef, at: string) => ({
  type: 'announcement.send' as const,
  orgId: ref.orgId,
  eventId: ref.eventId,
  announcementId: ref.announcementId,
  scheduledFor: at,
});
