import type { EntityItem } from 'electrodb';
import type { Notification, NotificationPreferences, NotificationRef } from '../domain/model.js';
import type { PendingOutboxItem } from '../domain/ports.js';
import type { notificationPreferenceEntity } from './entities/notification-preference.js';
import type { outboxEntity } from './entities/outbox.js';

/** Mapping between outbox / preference items and the domain's notification types. */

export type OutboxItem = EntityItem<typeof outboxEntity>;
export type PreferenceItem = EntityItem<typeof notificationPreferenceEntity>;

/**
 * The id a user addresses a notification by: its table key (org, session, commit time, message
 * id) in base64url. It reveals nothing the owner cannot read anyway, and the item is only ever
 * answered to the user it is addressed to.
 */
export const notificationIdOf = (ref: NotificationRef): string =>
  Buffer.from(JSON.stringify([ref.orgId, ref.sessionId, ref.at, ref.messageId])).toString('base64url');

export const refOfNotificationId = (id: string): NotificationRef | undefined => {
  try {
    const value: unknown = JSON.parse(Buffer.from(id, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 4 || !value.every((v) => typeof v === 'string'))
      return undefined;
    const [orgId, sessionId, at, messageId] = value as [string, string, string, string];
    return { orgId, sessionId, at, messageId };
  } catch {
    return undefined;
  }
};

export const refOf = (i: Pick<OutboxItem, 'orgId' | 'sessionId' | 'at' | 'messageId'>): NotificationRef => ({
  orgId: i.orgId,
  sessionId: i.sessionId,
  at: i.at,
  messageId: i.messageId,
});

const parsePayload = (json: string): Record<string, unknown> => {
  const value: unknown = JSON.parse(json);
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
};

export const toNotification = (i: OutboxItem): Notification => ({
  ...refOf(i),
  notificationId: notificationIdOf(i),
  type: i.type,
  recipientId: i.recipientId ?? '',
  userId: i.userId ?? null,
  // Domain events never reach here (they are not listed per user, and claims refuse them).
  status: i.status === 'consumed' ? 'sent' : i.status,
  attempts: i.attempts,
  // Items written before hand-offs were counted had their one, right after the commit.
  handoffs: i.handoffs ?? 1,
  deferredUntil: i.deferredUntil ?? null,
  sentChannels: i.sentChannels ?? [],
  channels: i.channels ?? null,
  timeZone: i.timeZone ?? null,
  payload: parsePayload(i.payload),
  readAt: i.readAt ?? null,
});

export const toPendingItem = (
  i: Pick<OutboxItem, 'orgId' | 'sessionId' | 'at' | 'messageId' | 'kind' | 'type' | 'dueAt' | 'handoffs'> &
    Partial<Pick<OutboxItem, 'payload'>>,
): PendingOutboxItem => ({
  ...refOf(i),
  kind: i.kind,
  type: i.type,
  dueAt: i.dueAt ?? i.at,
  handoffs: i.handoffs ?? (i.kind === 'notification' ? 1 : 0),
  // Only public domain events need it (the relay publishes it); notifications are read by delivery.
  ...(i.kind === 'domain-event' && i.payload !== undefined ? { payload: i.payload } : {}),
});

export const toPreferences = (i: PreferenceItem): NotificationPreferences => ({
  channels: i.channels,
  quietHours: i.quietStart && i.quietEnd ? { start: i.quietStart, end: i.quietEnd } : null,
});
