/**
 * Announcements of an event (docs/announcements.md): drafted by organizers, sent now or at a
 * scheduled time to an audience, as one notification per recipient through the outbox.
 */

export const announcementStatuses = ['draft', 'scheduled', 'sending', 'sent', 'cancelled'] as const;
export type AnnouncementStatus = (typeof announcementStatuses)[number];

export const announcementPriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type AnnouncementPriority = (typeof announcementPriorities)[number];

export const announcementAudiences = [
  'all',
  'attendees',
  'speakers',
  'sponsors',
  'organizers',
  'sessions',
] as const;
export type AnnouncementAudience = (typeof announcementAudiences)[number];

export const announcementChannels = ['email', 'sms', 'push', 'in_app'] as const;
export type AnnouncementChannel = (typeof announcementChannels)[number];

export interface Announcement {
  orgId: string;
  eventId: string;
  announcementId: string;
  title: string;
  content: string;
  priority: AnnouncementPriority;
  audience: AnnouncementAudience;
  /** The sessions whose attendees it reaches (audience `sessions` only; empty otherwise). */
  sessionIds: string[];
  /** The channels it may go out on; each recipient gets those of them their preferences allow. */
  channels: AnnouncementChannel[];
  status: AnnouncementStatus;
  /** When it is to be sent (status `scheduled`); kept as history once sent or cancelled. */
  scheduledFor: string | null;
  /** When sending began: every notification of it is stamped with this time (its stable key). */
  sendingAt: string | null;
  sentAt: string | null;
  /** Notifications written when it was sent. */
  recipientCount: number | null;
  cancelledAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** Still editable, schedulable, sendable and cancellable. */
export const isOpen = (status: AnnouncementStatus): boolean => status === 'draft' || status === 'scheduled';

/** One person an announcement reaches: their outbox recipient id, and the user who reads it in-app. */
export interface AnnouncementRecipient {
  /** An attendee or party id, or `user#<userId>` for members and speakers with no attendee record. */
  recipientId: string;
  userId: string | null;
}

export interface ChannelCount {
  channel: AnnouncementChannel;
  /** Notifications that still may go out on the channel (pending, not yet sent on it). */
  queued: number;
  /** Notifications sent on the channel (in-app: stored where a user reads them). */
  delivered: number;
  /** Finished without it: the recipient's preferences leave it out, or no address for it. */
  skipped: number;
}

export interface DeliveryCounts {
  recipients: number;
  channels: ChannelCount[];
}
