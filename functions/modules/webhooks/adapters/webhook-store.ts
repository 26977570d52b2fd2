import type { EntityItem } from 'electrodb';
import { withoutAudit } from '../../../kernel/audit/audit-scope.js';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import { isConditionFailure, unlessConditionFails } from '../../../kernel/dynamo/transactions.js';
import type { LanePosition, SubscribedType, WebhookDelivery, WebhookSubscription } from '../domain/model.js';
import type { LaneState, SubscriptionRef, WebhookStore } from '../domain/ports.js';
import type { webhookDeliveryEntity } from './entities/webhook-delivery.js';
import type { webhookSubscriptionEntity } from './entities/webhook-subscription.js';

type SubscriptionItem = EntityItem<typeof webhookSubscriptionEntity>;
type DeliveryItem = EntityItem<typeof webhookDeliveryEntity>;

const toSubscription = (item: SubscriptionItem): WebhookSubscription => ({
  ...fromStored<WebhookSubscription, Omit<SubscriptionItem, 'eventTypes'> & { eventTypes: SubscribedType[] }>(
    {
      nullable: {
        description: true,
        pausedBy: true,
        pausedAt: true,
        failingSince: true,
        lastDeliveredAt: true,
        lastFailedAt: true,
        previousKeyId: true,
        previousKeyUntil: true,
      },
      itemOnly: {
        laneGen: true,
        laneFrom: true,
        leaseUntil: true,
        leaseToken: true,
        wakeAt: true,
        ttl: true,
      },
    },
  )({ ...item, eventTypes: item.eventTypes as SubscribedType[] }),
});

const toDelivery = fromStored<WebhookDelivery, DeliveryItem>({
  nullable: {
    firstAttemptAt: true,
    lastAttemptAt: true,
    nextAttemptAt: true,
    lastStatusCode: true,
    lastError: true,
    deliveredAt: true,
    failedAt: true,
    replayedAt: true,
  },
  itemOnly: { position: true, ttl: true },
});

/** A lane position as one sortable string (the delivery's sort key after `delivery#`). */
export const positionKey = (p: LanePosition): string => `${p.occurredAt}#${p.eventId}`;

const positionFrom = (key: string): LanePosition | null => {
  if (!key) return null;
  const at = key.indexOf('#');
  return { occurredAt: key.slice(0, at), eventId: key.slice(at + 1) };
};

const laneOf = (item: Pick<SubscriptionItem, 'laneGen' | 'laneFrom' | 'wakeAt'>): LaneState => ({
  gen: item.laneGen,
  from: positionFrom(item.laneFrom),
  wakeAtMs: item.wakeAt,
});

/** One ISO instant later than `at` (so a range `<= at` ends before the next one). */
const justAfter = (at: string): string => new Date(Date.parse(at) + 1).toISOString();

/** Deliveries read per page while looking for the lane's head. */
const headPage = 25;

/** Nullable fields as ElectroDB writes them: set when present, removed when null. */
const splitNullable = <T extends Record<string, string | number | null>>(fields: T) => {
  const set: Record<string, string | number> = {};
  const remove: string[] = [];
  for (const [k, v] of Object.entries(fields)) {
    if (v === null) remove.push(k);
    else set[k] = v;
  }
  return { set, remove };
};

export const dynamoWebhookStore = (service: EventlyService): WebhookStore => {
  const { webhookSubscription, webhookDelivery } = service.entities;
  const subKey = (ref: SubscriptionRef) => ({ orgId: ref.orgId, subscriptionId: ref.subscriptionId });

  const allSubscriptions = async (orgId: string): Promise<SubscriptionItem[]> => {
    const { data } = await webhookSubscription.query.byOrg({ orgId }).go({ pages: 'all' });
    return data;
  };

  const store: WebhookStore = {
    async createSubscription(sub) {
      await webhookSubscription
        .create({ ...toStored(sub), laneGen: 0, laneFrom: '', leaseUntil: 0, leaseToken: '', wakeAt: 0 })
        .go();
    },

    async getSubscription(orgId, subscriptionId) {
      const { data } = await webhookSubscription.get({ orgId, subscriptionId }).go({ consistent: true });
      return data ? toSubscription(data) : undefined;
    },

    listSubscriptions: (orgId, page) =>
      queryPage(
        `webhooks:${orgId}`,
        page,
        (opts) =>
          webhookSubscription.query
            .byOrg({ orgId })
            .where(({ status }, { ne }) => ne(status, 'deleted'))
            .go(opts),
        toSubscription,
      ),

    async subscriptionsOf(orgId) {
      return (await allSubscriptions(orgId)).filter((s) => s.status !== 'deleted').map(toSubscription);
    },

    saveSubscription: (before, after) => {
      const { set, remove } = splitNullable({
        description: after.description,
        pausedBy: after.pausedBy,
        pausedAt: after.pausedAt,
        previousKeyId: after.previousKeyId,
        previousKeyUntil: after.previousKeyUntil,
      });
      // A tombstone outlives its deliveries by a day, then goes by itself.
      const ttl =
        after.status === 'deleted' ? Math.floor(Date.parse(after.updatedAt) / 1000) + 31 * 86_400 : null;
      let op = webhookSubscription.patch(subKey(before)).set({
        ...set,
        ...(ttl === null ? {} : { ttl }),
        url: after.url,
        eventTypes: after.eventTypes,
        status: after.status,
        keyId: after.keyId,
        version: after.version,
        updatedAt: after.updatedAt,
      });
      if (remove.length > 0) op = op.remove(remove as ('description' | 'pausedBy')[]);
      return unlessConditionFails(op.where(({ version }, { eq }) => eq(version, before.version)).go());
    },

    async recordHealth(ref, health) {
      const { set, remove } = splitNullable({ failingSince: health.failingSince });
      let op = webhookSubscription.patch(subKey(ref)).set({
        ...set,
        consecutiveFailures: health.consecutiveFailures,
        ...(health.lastDeliveredAt ? { lastDeliveredAt: health.lastDeliveredAt } : {}),
        ...(health.lastFailedAt ? { lastFailedAt: health.lastFailedAt } : {}),
      });
      if (remove.length > 0) op = op.remove(['failingSince']);
      await unlessConditionFails(op.go());
    },

    pauseForFailures: (ref, at) =>
      unlessConditionFails(
        webhookSubscription
          .patch(subKey(ref))
          .set({ status: 'paused', pausedBy: 'failures', pausedAt: at, updatedAt: at })
          .add({ version: 1 })
          .where(({ status }, { eq }) => eq(status, 'active'))
          .go(),
      ),

    async recordDelivery(delivery, ttlSeconds) {
      return unlessConditionFails(
        webhookDelivery
          .create({ ...toStored(delivery), position: positionKey(delivery), ttl: ttlSeconds })
          .go(),
      );
    },

    async saveDelivery(d) {
      const { set, remove } = splitNullable({
        firstAttemptAt: d.firstAttemptAt,
        lastAttemptAt: d.lastAttemptAt,
        nextAttemptAt: d.nextAttemptAt,
        lastStatusCode: d.lastStatusCode,
        lastError: d.lastError,
        deliveredAt: d.deliveredAt,
        failedAt: d.failedAt,
        replayedAt: d.replayedAt,
      });
      let op = webhookDelivery
        .patch({ orgId: d.orgId, subscriptionId: d.subscriptionId, position: positionKey(d) })
        .set({ ...set, status: d.status, attempts: d.attempts });
      if (remove.length > 0) op = op.remove(remove as 'firstAttemptAt'[]);
      // Gone by its retention (or the cascade) meanwhile: nothing left to record.
      await unlessConditionFails(op.go());
    },

    listDeliveries: (ref, page) =>
      queryPage(
        `webhook-deliveries:${ref.orgId}:${ref.subscriptionId}`,
        page,
        (opts) => webhookDelivery.query.bySubscription(subKey(ref)).go({ ...opts, order: 'desc' }),
        toDelivery,
      ),

    async deliveriesBetween(ref, from, to, limit) {
      const { data } = await webhookDelivery.query
        .bySubscription(subKey(ref))
        .between({ position: from }, { position: justAfter(to) })
        .go({ limit, pages: 'all', consistent: true });
      return data.slice(0, limit).map(toDelivery);
    },

    async laneHead(ref, from) {
      let cursor: string | null = null;
      const start = from === null ? '' : positionKey(from);
      do {
        const query = webhookDelivery.query.bySubscription(subKey(ref)).gte({ position: start });
        const page: { data: DeliveryItem[]; cursor: string | null } = await query.go({
          limit: headPage,
          cursor,
          consistent: true,
        });
        const head = page.data.find((d) => d.status === 'pending');
        if (head) return toDelivery(head);
        cursor = page.cursor;
      } while (cursor);
      return undefined;
    },

    async noteArrival(ref, position, nowMs) {
      const { data } = await webhookSubscription
        .patch(subKey(ref))
        .add({ laneGen: 1 })
        .go({ response: 'all_new' });
      const seen = data.leaseUntil > nowMs || data.wakeAt > nowMs;
      const key = positionKey(position);
      let from = data.laneFrom;
      // Back to an earlier position (a late or replayed event), as long as nobody moved it meanwhile.
      for (let attempt = 0; attempt < 5 && from !== '' && from > key; attempt++) {
        const expected = from;
        const moved = await unlessConditionFails(
          webhookSubscription
            .patch(subKey(ref))
            .set({ laneFrom: key })
            .add({ laneGen: 1 })
            .where(({ laneFrom }, { eq }) => eq(laneFrom, expected))
            .go(),
        );
        if (moved) return { seen };
        const fresh = await webhookSubscription.get(subKey(ref)).go({ consistent: true });
        from = fresh.data?.laneFrom ?? '';
      }
      return { seen };
    },

    async acquireLane(ref, token, nowMs, leaseMs) {
      try {
        const { data } = await webhookSubscription
          .patch(subKey(ref))
          .set({ leaseUntil: nowMs + leaseMs, leaseToken: token })
          .where(({ leaseUntil }, { lt }) => lt(leaseUntil, nowMs))
          .go({ response: 'all_new' });
        return laneOf(data);
      } catch (error) {
        if (isConditionFailure(error)) return undefined;
        throw error;
      }
    },

    releaseLane: (ref, token, ifGen, idle) =>
      unlessConditionFails(
        webhookSubscription
          .patch(subKey(ref))
          .set({ leaseUntil: 0, leaseToken: '', ...(idle ? { wakeAt: 0 } : {}) })
          .where(({ leaseToken, laneGen }, { eq }) =>
            ifGen === undefined
              ? eq(leaseToken, token)
              : `${eq(leaseToken, token)} AND ${eq(laneGen, ifGen)}`,
          )
          .go(),
      ),

    async laneState(ref) {
      const { data } = await webhookSubscription.get(subKey(ref)).go({ consistent: true });
      return data ? laneOf(data) : undefined;
    },

    moveLaneFrom: (ref, expected, to, ifGen) =>
      unlessConditionFails(
        webhookSubscription
          .patch(subKey(ref))
          .set({ laneFrom: positionKey(to) })
          .where(
            ({ laneFrom, laneGen }, { eq }) =>
              `${eq(laneFrom, expected === null ? '' : positionKey(expected))} AND ${eq(laneGen, ifGen)}`,
          )
          .go(),
      ),

    async setWake(ref, wakeAtMs) {
      await webhookSubscription.patch(subKey(ref)).set({ wakeAt: wakeAtMs }).go();
    },

    async purgeOrg(orgId, limit) {
      const subs = await allSubscriptions(orgId);
      let removed = 0;
      // Each subscription's deliveries first (found through it), then the subscriptions themselves.
      for (const sub of subs) {
        while (removed < limit) {
          const want = limit - removed;
          const { data } = await webhookDelivery.query
            .bySubscription(subKey(sub))
            .go({ limit: want, attributes: ['orgId', 'subscriptionId', 'position'] });
          if (data.length > 0) await webhookDelivery.delete(data).go();
          removed += data.length;
          if (data.length < want) break;
        }
        if (removed >= limit) return removed;
      }
      const gone = subs.slice(0, limit - removed).map(subKey);
      if (gone.length > 0) await webhookSubscription.delete(gone).go();
      return removed + gone.length;
    },
  };
  return withUnauditedLanes(store);
};

/**
 * A lane's lease, wake-up and health counters are the bookkeeping of sending (changed on every
 * delivery attempt), not changes of the subscription: they write no audit record (kernel/audit).
 * Pausing a subscription after failures does.
 */
const withUnauditedLanes = (store: WebhookStore): WebhookStore => ({
  ...store,
  recordHealth: (...a) => withoutAudit(() => store.recordHealth(...a)),
  noteArrival: (...a) => withoutAudit(() => store.noteArrival(...a)),
  acquireLane: (...a) => withoutAudit(() => store.acquireLane(...a)),
  laneState: (...a) => withoutAudit(() => store.laneState(...a)),
  setWake: (...a) => withoutAudit(() => store.setWake(...a)),
  releaseLane: (...a) => withoutAudit(() => store.releaseLane(...a)),
  moveLaneFrom: (...a) => withoutAudit(() => store.moveLaneFrom(...a)),
});
