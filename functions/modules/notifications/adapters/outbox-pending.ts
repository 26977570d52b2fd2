import { unlisted } from '../../../kernel/dynamo/entity-base.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import type { NotificationStore } from '../domain/ports.js';
import { allPendingShards } from './entities/outbox.js';
import { toPendingItem } from './notification-items.js';
import { outboxKey as key, shardOf, unlessConditionFails } from './outbox-writes.js';

/**
 * The relay's view of the outbox: the sparse pending index (gsi3) the sweep walks, and the
 * hand-off records that keep a live message from being handed to its queue twice.
 */

const pendingAttributes = [
  'orgId',
  'sessionId',
  'at',
  'messageId',
  'kind',
  'type',
  'dueAt',
  'handoffs',
  // A public domain event's relay publishes it.
  'payload',
] as const;

/** Heads read per shard for the oldest waiting notification: deferred items and events sit among them. */
const headsPerShard = 5;

export type OutboxPendingIndex = Pick<
  NotificationStore,
  'listPending' | 'recordHandoff' | 'handoffFailed' | 'oldestWaiting' | 'markConsumed'
>;

export const outboxPendingIndex = (service: EventlyService): OutboxPendingIndex => {
  const { outbox } = service.entities;
  return {
    async listPending(dueBy, limit) {
      // Every shard's earliest `limit`, merged: the overall earliest `limit` are among them.
      const pages = await Promise.all(
        allPendingShards().map((pendingShard) =>
          outbox.query
            .byPending({ pendingShard })
            // Sort keys are `${dueAt}#${messageId}`: `~` sorts after `#`, so items due exactly at
            // `dueBy` are included; the filter below drops anything later.
            .lte({ dueAt: `${dueBy}~` })
            .go({ limit, attributes: [...pendingAttributes] }),
        ),
      );
      return pages
        .flatMap((p) => p.data)
        .filter((i) => (i.dueAt ?? '') <= dueBy)
        .sort((a, b) => (a.dueAt ?? '').localeCompare(b.dueAt ?? ''))
        .slice(0, limit)
        .map(toPendingItem);
    },

    recordHandoff: (item, handAgainAt) =>
      unlessConditionFails(
        outbox
          .patch(key(item))
          .add({ handoffs: 1 })
          .set({ dueAt: handAgainAt })
          .composite(shardOf(item))
          .where((a, { eq }) => `${eq(a.status, 'pending')} AND ${eq(a.dueAt, item.dueAt)}`)
          .go(),
      ),

    async handoffFailed(ref, now) {
      await unlessConditionFails(
        outbox
          .patch(key(ref))
          .subtract({ handoffs: 1 })
          .set({ dueAt: now })
          .composite(shardOf(ref))
          .where((a, { eq, gt }) => `${eq(a.status, 'pending')} AND ${gt(a.handoffs, 0)}`)
          .go(),
      );
    },

    async oldestWaiting(now) {
      const heads = await Promise.all(
        allPendingShards().map((pendingShard) =>
          outbox.query
            .byPending({ pendingShard })
            .go({ limit: headsPerShard, attributes: ['kind', 'at', 'deferredUntil'] }),
        ),
      );
      const waiting = heads
        .flatMap((h) => h.data)
        .filter((i) => i.kind === 'notification' && !(i.deferredUntil && i.deferredUntil > now))
        .map((i) => i.at)
        .sort();
      return waiting[0];
    },

    markConsumed: (ref) =>
      unlessConditionFails(
        outbox
          .patch(key(ref))
          .set({ status: 'consumed', dueAt: unlisted })
          .composite(shardOf(ref))
          .where((a, { eq }) => eq(a.status, 'pending'))
          .go(),
      ),
  };
};
