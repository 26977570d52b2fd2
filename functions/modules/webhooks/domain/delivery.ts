import { randomUUID } from 'node:crypto';
import type { Deps } from '../../../kernel/domain/deps.js';
import type { DomainEvent } from '../../../kernel/domain/domain-event.js';
import {
  backoffMs,
  comparePositions,
  type LanePosition,
  positionOf,
  subscribes,
  type WebhookDelivery,
  type WebhookSubscription,
} from './model.js';
import type { LaneState, SubscriptionRef } from './ports.js';
import { deliveryHeaders } from './signing.js';

/**
 * Delivery (docs/webhooks.md): an event from the bus fans out to the organization's subscriptions
 * that want its type, as one delivery each (idempotent per subscription and event id); each
 * subscription's lane then sends its pending deliveries one at a time, oldest event first, and a
 * failed attempt holds the lane until the delivery succeeds or its retry window ends.
 */

/** The longest SQS delays a message: a longer wait is made of several delayed lane messages. */
export const maxDelaySeconds = 900;

/** A lane message that found the lane held, ending a wait, tries again this much later. */
const busyWakeRetrySeconds = 5;

export type WebhookFanOutDeps = Pick<Deps, 'webhooks' | 'webhookQueue' | 'webhookPolicy' | 'clock'>;

/**
 * `body` is the event's JSON as received: it is what each subscription is sent, byte for byte.
 * `subscriptionsOf` may answer from a read shared by the events of one batch.
 */
export const fanOutEvent = async (
  deps: WebhookFanOutDeps,
  event: DomainEvent,
  body: string,
  subscriptionsOf: (orgId: string) => Promise<WebhookSubscription[]> = (orgId) =>
    deps.webhooks.subscriptionsOf(orgId),
): Promise<{ recorded: number; matched: number; kicked: number }> => {
  const subs = (await subscriptionsOf(event.orgId)).filter(
    (s) => s.status !== 'deleted' && subscribes(s, event.type),
  );
  const now = deps.clock.now();
  const ttlSeconds = Math.floor((now.getTime() + deps.webhookPolicy.retentionMs) / 1000);
  let recorded = 0;
  let kicked = 0;
  for (const sub of subs) {
    const ref = { orgId: sub.orgId, subscriptionId: sub.subscriptionId };
    const delivery: WebhookDelivery = {
      ...ref,
      eventId: event.id,
      eventType: event.type,
      subject: `${event.subject.type}:${event.subject.id}`,
      occurredAt: new Date(event.occurredAt).toISOString(),
      body,
      status: 'pending',
      attempts: 0,
      firstAttemptAt: null,
      lastAttemptAt: null,
      nextAttemptAt: null,
      lastStatusCode: null,
      lastError: null,
      deliveredAt: null,
      failedAt: null,
      replayedAt: null,
      createdAt: now.toISOString(),
    };
    if (await deps.webhooks.recordDelivery(delivery, ttlSeconds)) recorded += 1;
    // Also for a delivery already recorded (a message received again): its lane may not have been told.
    const { seen } = await deps.webhooks.noteArrival(ref, positionOf(delivery), now.getTime());
    // A paused subscription records and waits (resuming it wakes its lane); a held or waiting lane
    // sees the delivery without a message, so a busy lane is not sent one per event.
    if (sub.status === 'active' && !seen) {
      await deps.webhookQueue.kick(ref, { delaySeconds: 0, wake: false });
      kicked += 1;
    }
  }
  return { recorded, matched: subs.length, kicked };
};

export type WebhookLaneDeps = Pick<
  Deps,
  'webhooks' | 'webhookKeys' | 'webhookSender' | 'webhookQueue' | 'webhookPolicy' | 'clock'
>;

export interface LaneOptions {
  /** A lane message that ends a wait (the one delayed message of a backoff). */
  wake: boolean;
  /** False once the function's deadline is near: the lane hands itself on to a new message. */
  hasTime(): boolean;
  /** How long the lease holds without the holder: longer than the function's timeout. */
  leaseMs: number;
}

export interface LaneResult {
  /** How the run ended. */
  outcome: 'gone' | 'busy' | 'paused' | 'idle' | 'waiting' | 'continued';
  delivered: number;
  /** Attempts that failed and will be retried. */
  retried: number;
  /** Deliveries marked failed: their retry window ended. */
  failed: number;
  /** The lane paused its subscription (repeated failures). */
  paused: boolean;
}

const secretsOf = async (
  deps: WebhookLaneDeps,
  sub: WebhookSubscription,
  nowMs: number,
): Promise<string[]> => {
  const ref = { orgId: sub.orgId, subscriptionId: sub.subscriptionId };
  const current = await deps.webhookKeys.secretOf({ ...ref, keyId: sub.keyId });
  const previousValid =
    sub.previousKeyId !== null && sub.previousKeyUntil !== null && Date.parse(sub.previousKeyUntil) > nowMs;
  if (!previousValid || sub.previousKeyId === null) return [current];
  return [current, await deps.webhookKeys.secretOf({ ...ref, keyId: sub.previousKeyId })];
};

const samePosition = (a: LanePosition | null, b: LanePosition): boolean =>
  a !== null && comparePositions(a, b) === 0;

/**
 * Runs a subscription's lane: takes its lease (or leaves, when another worker holds it: that one
 * sees any new delivery before it lets go), then sends pending deliveries in order while it has
 * time. A failed attempt sets the delivery's next attempt (exponential backoff) and the lane waits
 * for it behind one delayed lane message; a delivery still failing after the retry window is
 * marked failed, counts against its subscription (paused after repeated failures) and the lane
 * moves on.
 */
export const runLane = async (
  deps: WebhookLaneDeps,
  ref: SubscriptionRef,
  options: LaneOptions,
): Promise<LaneResult> => {
  const result: LaneResult = { outcome: 'idle', delivered: 0, retried: 0, failed: 0, paused: false };
  const token = randomUUID();
  const policy = deps.webhookPolicy;
  const acquired = await deps.webhooks.acquireLane(ref, token, deps.clock.now().getTime(), options.leaseMs);
  if (!acquired) {
    if (options.wake) await deps.webhookQueue.kick(ref, { delaySeconds: busyWakeRetrySeconds, wake: true });
    return { ...result, outcome: 'busy' };
  }
  let lane: LaneState = acquired;
  const reread = async () => {
    lane = (await deps.webhooks.laneState(ref)) ?? lane;
  };
  const leave = async (outcome: LaneResult['outcome'], ifGen?: number): Promise<boolean> => {
    if (!(await deps.webhooks.releaseLane(ref, token, ifGen, outcome === 'idle'))) return false;
    result.outcome = outcome;
    return true;
  };
  let deliveredOnce = false;
  try {
    for (;;) {
      const sub = await deps.webhooks.getSubscription(ref.orgId, ref.subscriptionId);
      if (!sub || sub.status === 'deleted') {
        await leave('gone');
        return result;
      }
      if (sub.status === 'paused') {
        await leave('paused');
        return result;
      }
      const head = await deps.webhooks.laneHead(ref, lane.from);
      if (!head) {
        // Released only if nothing arrived since the gen read: otherwise look again.
        if (await leave('idle', lane.gen)) return result;
        await reread();
        continue;
      }
      const position = positionOf(head);
      if (!samePosition(lane.from, position)) {
        // Conditional on the gen: a delivery that arrived meanwhile may lie before the head. `from`
        // is only where the search starts: when deliveries keep arriving it may lag (the search
        // then reads a few done ones), but it never passes a pending one.
        if (await deps.webhooks.moveLaneFrom(ref, lane.from, position, lane.gen)) {
          lane = { ...lane, from: position };
        } else {
          const before = lane.from;
          await reread();
          // Moved back by a late arrival: look again from there; otherwise send the head found.
          if (!(before === null ? lane.from === null : samePosition(lane.from, before))) continue;
        }
      }
      const nowMs = deps.clock.now().getTime();
      const dueMs = head.nextAttemptAt === null ? 0 : Date.parse(head.nextAttemptAt);
      if (dueMs > nowMs) {
        const targetMs = Math.min(dueMs, nowMs + maxDelaySeconds * 1000);
        // One delayed lane message per wait: none if one already comes before the target.
        if (!(lane.wakeAtMs > nowMs && lane.wakeAtMs <= targetMs)) {
          await deps.webhooks.setWake(ref, targetMs);
          lane = { ...lane, wakeAtMs: targetMs };
          const delaySeconds = Math.min(maxDelaySeconds, Math.max(1, Math.ceil((targetMs - nowMs) / 1000)));
          await deps.webhookQueue.kick(ref, { delaySeconds, wake: true });
        }
        if (await leave('waiting', lane.gen)) return result;
        await reread();
        continue;
      }
      if (!options.hasTime()) {
        await leave('continued');
        await deps.webhookQueue.kick(ref, { delaySeconds: 0, wake: false });
        return result;
      }
      const attemptAt = new Date(nowMs).toISOString();
      const response = await deps.webhookSender.send({
        url: sub.url,
        headers: deliveryHeaders(head, await secretsOf(deps, sub, nowMs), nowMs),
        body: head.body,
        timeoutMs: policy.attemptTimeoutMs,
      });
      const after = deps.clock.now();
      const attempted: WebhookDelivery = {
        ...head,
        attempts: head.attempts + 1,
        firstAttemptAt: head.firstAttemptAt ?? attemptAt,
        lastAttemptAt: attemptAt,
        lastStatusCode: response.statusCode,
        lastError: response.error,
      };
      if (response.ok) {
        await deps.webhooks.saveDelivery({
          ...attempted,
          status: 'delivered',
          nextAttemptAt: null,
          deliveredAt: after.toISOString(),
        });
        result.delivered += 1;
        if (!deliveredOnce || sub.consecutiveFailures > 0 || sub.failingSince !== null) {
          deliveredOnce = true;
          await deps.webhooks.recordHealth(ref, {
            consecutiveFailures: 0,
            failingSince: null,
            lastDeliveredAt: after.toISOString(),
          });
        }
        continue;
      }
      const failingSince = sub.failingSince ?? attemptAt;
      const firstMs = Date.parse(attempted.firstAttemptAt ?? attemptAt);
      if (after.getTime() - firstMs < policy.retryWindowMs) {
        await deps.webhooks.saveDelivery({
          ...attempted,
          status: 'pending',
          nextAttemptAt: new Date(after.getTime() + backoffMs(policy, attempted.attempts)).toISOString(),
        });
        result.retried += 1;
        await deps.webhooks.recordHealth(ref, {
          consecutiveFailures: sub.consecutiveFailures,
          failingSince,
          lastFailedAt: after.toISOString(),
        });
        continue;
      }
      await deps.webhooks.saveDelivery({
        ...attempted,
        status: 'failed',
        nextAttemptAt: null,
        failedAt: after.toISOString(),
      });
      result.failed += 1;
      const failures = sub.consecutiveFailures + 1;
      await deps.webhooks.recordHealth(ref, {
        consecutiveFailures: failures,
        failingSince,
        lastFailedAt: after.toISOString(),
      });
      const failingMs = after.getTime() - Date.parse(failingSince);
      if (failures >= policy.pauseAfterFailedDeliveries || failingMs >= policy.pauseAfterFailingMs) {
        if (await deps.webhooks.pauseForFailures(ref, after.toISOString())) result.paused = true;
      }
    }
  } catch (error) {
    // The lease goes back so the redelivered message (or the next event) can take the lane at once.
    await deps.webhooks.releaseLane(ref, token).catch(() => undefined);
    throw error;
  }
};
