import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { asTheChange } from '../../../kernel/audit/audit-scope.js';
import { unlisted } from '../../../kernel/dynamo/entity-base.js';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { isConditionFailure } from '../../../kernel/dynamo/transactions.js';
import type { ClaimRefusal, NotificationRef } from '../domain/model.js';
import type { NotificationStore } from '../domain/ports.js';
import { deliveryContextReader } from './delivery-context.js';
import { type OutboxItem, refOfNotificationId, toNotification, toPreferences } from './notification-items.js';
import { outboxPendingIndex } from './outbox-pending.js';
import { outboxKey as key, shardOf, unlessConditionFails } from './outbox-writes.js';

/**
 * Notifications over the outbox items. Every delivery step is one conditional update: a claim
 * only while pending, due and unclaimed; every later step only while that claim (its lease
 * value) still holds, so a consumer whose lease lapsed cannot overwrite the next one's work.
 * The relay's side (the pending index, hand-offs) is in outbox-pending.ts.
 */

export const dynamoNotificationStore = (
  service: EventlyService,
  client: DynamoDBDocumentClient,
  table: string,
): NotificationStore => {
  const { outbox, notificationPreference } = service.entities;

  const read = async (ref: NotificationRef): Promise<OutboxItem | null> =>
    (await outbox.get(key(ref)).go({ consistent: true })).data;

  const refusal = (item: OutboxItem | null, now: string): ClaimRefusal => {
    if (item?.kind !== 'notification') return 'missing';
    if (item.status !== 'pending') return 'done';
    if (item.leaseUntil && item.leaseUntil >= now) return 'busy';
    return 'not-due';
  };

  return {
    listByUser: (userId, page) =>
      queryPage(
        `notifications#${userId}`,
        page,
        (opts) => outbox.query.byUser({ listedUser: userId }).go({ ...opts, order: 'desc' }),
        toNotification,
      ),

    async getForUser(userId, notificationId) {
      const ref = refOfNotificationId(notificationId);
      if (!ref || userId === unlisted) return undefined;
      const item = await read(ref);
      return item?.kind === 'notification' && item.userId === userId ? toNotification(item) : undefined;
    },

    async markRead(ref, at) {
      // The user's own change, though the outbox is bookkeeping to the audit writer.
      const first = await asTheChange(() =>
        unlessConditionFails(
          outbox
            .patch(key(ref))
            .set({ readAt: at })
            .where((a, { notExists }) => notExists(a.readAt))
            .go(),
        ),
      );
      const item = await read(ref);
      if (!item) throw new Error(`notification ${ref.messageId} vanished while being marked read`);
      if (!first && !item.readAt) throw new Error(`notification ${ref.messageId} could not be marked read`);
      return toNotification(item);
    },

    deliveryContext: deliveryContextReader(service, client, table),

    async getPreferences(orgId, userId) {
      const { data } = await notificationPreference.get({ orgId, userId }).go();
      return data ? toPreferences(data) : undefined;
    },

    async removePreferences(orgId, userId) {
      await notificationPreference.delete({ orgId, userId }).go();
    },

    async removeOfUser(userId, limit) {
      const { data, cursor } = await outbox.query
        .byUser({ listedUser: userId })
        .go({ limit, attributes: ['orgId', 'sessionId', 'at', 'messageId'] });
      // A consumer holding one finds it missing and stops; the relay hands on insertions only.
      if (data.length > 0) await outbox.delete(data).go();
      return cursor !== null;
    },

    async putPreferences(orgId, userId, preferences, at) {
      await notificationPreference
        .put({
          orgId,
          userId,
          channels: preferences.channels,
          ...(preferences.quietHours
            ? { quietStart: preferences.quietHours.start, quietEnd: preferences.quietHours.end }
            : {}),
          updatedAt: at,
        })
        .go();
    },

    async claim(ref, now, lease, handAgainAt) {
      try {
        const { data } = await outbox
          .patch(key(ref))
          .add({ attempts: 1 })
          .set({ leaseUntil: lease, dueAt: handAgainAt })
          .composite(shardOf(ref))
          .where(
            (a, { eq, lt, lte, notExists }) =>
              `${eq(a.kind, 'notification')} AND ${eq(a.status, 'pending')} AND (${notExists(a.deferredUntil)} OR ${lte(a.deferredUntil, now)}) AND (${notExists(a.leaseUntil)} OR ${lt(a.leaseUntil, now)})`,
          )
          .go({ response: 'all_new' });
        return { notification: toNotification(data), lease };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        return refusal(await read(ref), now);
      }
    },

    async recordSent(ref, sent, lease) {
      // Not dropped on a lapsed lease: the caller must stop before sending anything more.
      await outbox
        .patch(key(ref))
        .set({ sentChannels: [...sent] })
        .where((a, { eq }) => eq(a.leaseUntil, lease))
        .go();
    },

    async complete(ref, lease, sent, at) {
      await unlessConditionFails(
        outbox
          .patch(key(ref))
          .set({ status: 'sent', dueAt: unlisted, sentChannels: [...sent], sentAt: at })
          .composite(shardOf(ref))
          .remove(['leaseUntil'])
          .where((a, { eq }) => eq(a.leaseUntil, lease))
          .go(),
      );
    },

    async defer(ref, until, lease, sent) {
      // The message is acknowledged: the sweep hands the item over again when the quiet hours end.
      await unlessConditionFails(
        outbox
          .patch(key(ref))
          .set({ dueAt: until, deferredUntil: until, sentChannels: [...sent] })
          .composite(shardOf(ref))
          .remove(['leaseUntil'])
          .where((a, { eq }) => eq(a.leaseUntil, lease))
          .go(),
      );
    },

    async release(ref, error, lease) {
      await unlessConditionFails(
        outbox
          .patch(key(ref))
          .set({ lastError: error })
          .remove(['leaseUntil'])
          .where((a, { eq }) => eq(a.leaseUntil, lease))
          .go(),
      );
    },

    async fail(ref, error, lease) {
      await unlessConditionFails(
        outbox
          .patch(key(ref))
          .set({ status: 'failed', dueAt: unlisted, lastError: error })
          .composite(shardOf(ref))
          .remove(['leaseUntil'])
          .where((a, { eq }) => eq(a.leaseUntil, lease))
          .go(),
      );
    },

    ...outboxPendingIndex(service),
  };
};
