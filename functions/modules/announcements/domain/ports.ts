import type { Page, PageRequest } from '../../../kernel/domain/types.js';
import type { Announcement, AnnouncementRecipient, DeliveryCounts } from './model.js';

export interface AnnouncementRef {
  orgId: string;
  eventId: string;
  announcementId: string;
}

/**
 * An event's announcements, and the notifications they write. Status changes are conditional on
 * the status read (and, for a schedule firing, on the time it was scheduled for).
 */
export interface AnnouncementStore {
  create(announcement: Announcement): Promise<void>;
  /** Puts it unless one with its id is there (an id derived from its source); false when one was. */
  createOnce(announcement: Announcement): Promise<boolean>;
  get(ref: AnnouncementRef): Promise<Announcement | undefined>;
  list(orgId: string, eventId: string, page: PageRequest): Promise<Page<Announcement>>;
  /**
   * Writes `after` if the stored announcement still has `before`'s status and update time;
   * false when another write came first.
   */
  save(before: Announcement, after: Announcement): Promise<boolean>;
  /**
   * Writes one notification per recipient (at most 25 at once), skipping those already written:
   * a recipient's notification is keyed by the announcement and the recipient. Answers how many
   * it wrote. Commits only while the announcement is `sending`. `timeZone`: the event's venue's,
   * which the notifications' quiet hours are read in.
   */
  writeNotifications(
    announcement: Announcement,
    recipients: AnnouncementRecipient[],
    timeZone: string | undefined,
  ): Promise<number>;
  /** Per channel: the announcement's notifications queued, delivered and skipped (read from them). */
  deliveryCounts(announcement: Announcement): Promise<DeliveryCounts>;
  /** Deletes up to `limit` announcements of the event and their notifications; fewer: none left. */
  purgeEvent(orgId: string, eventId: string, limit: number): Promise<number>;
}

/** One-off schedules that fire an announcement's send at its time (EventBridge Scheduler in AWS). */
export interface AnnouncementScheduler {
  /** Makes (or replaces) the announcement's schedule. */
  schedule(ref: AnnouncementRef, at: string): Promise<void>;
  /** Deletes it; absent (fired or never made) is fine. */
  cancel(ref: AnnouncementRef): Promise<void>;
}
