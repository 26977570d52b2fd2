import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { commitTransaction, type TxItem, unlessConditionFails } from '../../../kernel/dynamo/transactions.js';
import { notificationMessageId, notificationRecord } from '../../notifications/index.js';
import type { Announcement, AnnouncementRecipient, ChannelCount, DeliveryCounts } from '../domain/model.js';
import type { AnnouncementStore } from '../domain/ports.js';
import { storedAnnouncement, toAnnouncement } from './announcement-items.js';

/** A recipient's notification of an announcement: one per announcement and recipient, ever. */
const messageKey = (recipientId: string) => `announcement#${recipientId}`;

/**
 * The notifications of an announcement live in the outbox partition named after it (as a
 * session's do after the session), so its delivery counts are one Query and a purge one more.
 */
export const dynamoAnnouncementStore = (service: EventlyService): AnnouncementStore => {
  const { announcement, outbox } = service.entities;

  const notificationKey = (a: Announcement, recipientId: string) => ({
    orgId: a.orgId,
    sessionId: a.announcementId,
    at: a.sendingAt ?? '',
    messageId: notificationMessageId(messageKey(recipientId)),
  });

  return {
    async create(a) {
      await announcement.create(storedAnnouncement(a)).go();
    },

    createOnce: (a) => unlessConditionFails(announcement.create(storedAnnouncement(a)).go()),

    async get({ orgId, eventId, announcementId }) {
      const { data } = await announcement.get({ orgId, eventId, announcementId }).go({ consistent: true });
      return data ? toAnnouncement(data) : undefined;
    },

    list: (orgId, eventId, page) =>
      queryPage(
        `announcements:${orgId}:${eventId}`,
        page,
        (opts) => announcement.query.byEvent({ orgId, eventId }).go(opts),
        toAnnouncement,
      ),

    // A whole put (cleared fields go), only over the status and update time that were read.
    async save(before, after) {
      const { committed } = await commitTransaction(service, (tx) => [
        {
          label: 'announcement',
          write: tx.announcement
            .put(storedAnnouncement(after))
            .where(
              ({ status, updatedAt }, { eq }) =>
                `${eq(status, before.status)} AND ${eq(updatedAt, before.updatedAt)}`,
            )
            .commit(),
          fails: 'refused' as const,
        },
      ]);
      return committed;
    },

    async writeNotifications(a, recipients, timeZone) {
      if (!a.sendingAt || recipients.length === 0) return 0;
      // Those written by an earlier run (a redelivered message, a consumer that died) are skipped.
      const { data } = await outbox
        .get(recipients.map((r) => notificationKey(a, r.recipientId)))
        .go({ consistent: true, attributes: ['messageId'] });
      const done = new Set(data.map((i) => i.messageId));
      const unwritten = recipients.filter((r) => !done.has(notificationMessageId(messageKey(r.recipientId))));
      if (unwritten.length === 0) return 0;
      const at = a.sendingAt;
      const { committed } = await commitTransaction(service, (tx) => [
        {
          label: 'announcement',
          // Only while it is sending: a purge of the event (or anything else) stops the writes.
          write: tx.announcement
            .check({ orgId: a.orgId, eventId: a.eventId, announcementId: a.announcementId })
            .where(({ status }, { eq }) => eq(status, 'sending'))
            .commit(),
          fails: 'refused' as const,
        },
        ...unwritten.map(
          (r: AnnouncementRecipient): TxItem<'notification'> => ({
            label: 'notification',
            write: notificationRecord(tx, {
              orgId: a.orgId,
              sessionId: a.announcementId,
              key: messageKey(r.recipientId),
              at,
              type: 'announcement',
              recipientId: r.recipientId,
              userId: r.userId,
              channels: a.channels,
              ...(timeZone ? { timeZone } : {}),
              payload: {
                subject: a.title,
                announcementId: a.announcementId,
                eventId: a.eventId,
                priority: a.priority,
                content: a.content,
              },
            }),
          }),
        ),
      ]);
      // Refused: it stopped sending, or another run wrote some of these first (its next run skips them).
      if (!committed) throw new Error(`notifications of ${a.announcementId} not written: retry`);
      return unwritten.length;
    },

    async deliveryCounts(a) {
      const { data } = await outbox.query
        .bySession({ orgId: a.orgId, sessionId: a.announcementId })
        .go({ pages: 'all', attributes: ['status', 'sentChannels', 'userId', 'channels'] });
      const counts = new Map<string, ChannelCount>(
        a.channels.map((channel) => [channel, { channel, queued: 0, delivered: 0, skipped: 0 }]),
      );
      for (const n of data) {
        for (const [channel, c] of counts) {
          if (channel === 'in_app') {
            // The stored item is the in-app message: delivered to whoever has a user to read it.
            if (n.userId) c.delivered++;
            else c.skipped++;
          } else if ((n.sentChannels as string[] | undefined)?.includes(channel)) c.delivered++;
          else if (n.status === 'pending') c.queued++;
          else c.skipped++;
        }
      }
      const result: DeliveryCounts = { recipients: data.length, channels: [...counts.values()] };
      return result;
    },

    async purgeEvent(orgId, eventId, limit) {
      // Each announcement goes with its notifications (its own outbox partition), `limit` items at
      // most per call: answering `limit` means more may be left.
      const { data } = await announcement.query
        .byEvent({ orgId, eventId })
        .go({ limit, attributes: ['orgId', 'eventId', 'announcementId'] });
      let removed = 0;
      for (const a of data) {
        const page = await outbox.query
          .bySession({ orgId, sessionId: a.announcementId })
          .go({ limit: limit - removed, attributes: ['orgId', 'sessionId', 'at', 'messageId'] });
        if (page.data.length > 0) await outbox.delete(page.data).go();
        removed += page.data.length;
        if (removed >= limit) return limit;
        await announcement.delete(a).go();
        removed++;
        if (removed >= limit) return limit;
      }
      return removed;
    },
  };
};
