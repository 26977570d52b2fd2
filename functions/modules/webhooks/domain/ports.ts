import type { Page, PageRequest } from '../../../kernel/domain/types.js';
import type { LanePosition, WebhookDelivery, WebhookSubscription } from './model.js';

export interface SubscriptionRef {
  orgId: string;
  subscriptionId: string;
}

/**
 * The lane of a subscription: who holds it (a lease, so that no two workers send to one endpoint at
 * once), where its first pending delivery may be (`from`), a counter every new or replayed delivery
 * raises (`gen`: a worker that found the lane empty releases it only if nothing came meanwhile),
 * and when a delayed lane message is due (`wakeAt`, so that one is scheduled per wait, not one per event).
 */
export interface LaneState {
  gen: number;
  from: LanePosition | null;
  wakeAtMs: number;
}

/** The health counters the lane keeps on its subscription. */
export interface SubscriptionHealth {
  consecutiveFailures: number;
  failingSince: string | null;
  lastDeliveredAt?: string;
  lastFailedAt?: string;
}

export interface WebhookStore {
  createSubscription(sub: WebhookSubscription): Promise<void>;
  getSubscription(orgId: string, subscriptionId: string): Promise<WebhookSubscription | undefined>;
  /** A page of the organization's subscriptions (not the deleted ones). */
  listSubscriptions(orgId: string, page: PageRequest): Promise<Page<WebhookSubscription>>;
  /** Every subscription of the organization that is not deleted (at most the policy's maximum). */
  subscriptionsOf(orgId: string): Promise<WebhookSubscription[]>;
  /**
   * Writes the fields staff change (url, types, description, status, keys) if the subscription is
   * still at `before.version`; false when it changed meanwhile. The lane's fields are left alone.
   */
  saveSubscription(before: WebhookSubscription, after: WebhookSubscription): Promise<boolean>;
  /** The lane's counters (never the status). */
  recordHealth(ref: SubscriptionRef, health: SubscriptionHealth): Promise<void>;
  /** Active to paused by the lane (the version moves on); false when it was no longer active. */
  pauseForFailures(ref: SubscriptionRef, at: string): Promise<boolean>;

  /** Creates the delivery unless one exists for its subscription and event; true when created. */
  recordDelivery(delivery: WebhookDelivery, ttlSeconds: number): Promise<boolean>;
  /** Writes the delivery's state (status, attempts, outcome). */
  saveDelivery(delivery: WebhookDelivery): Promise<void>;
  /** Newest first: the delivery log. */
  listDeliveries(ref: SubscriptionRef, page: PageRequest): Promise<Page<WebhookDelivery>>;
  /** The deliveries that occurred in [from, to], oldest first, at most `limit`. */
  deliveriesBetween(
    ref: SubscriptionRef,
    from: string,
    to: string,
    limit: number,
  ): Promise<WebhookDelivery[]>;
  /** The first pending delivery at or after `from` (the lane's head). */
  laneHead(ref: SubscriptionRef, from: LanePosition | null): Promise<WebhookDelivery | undefined>;

  /**
   * A new (or replayed) delivery at `position`: raises the lane's gen and moves `from` back to it if
   * later. Answers whether the lane needs no message to see it: a worker holds the lane (it sees the
   * raised gen before it lets go), or the lane waits out a backoff (its delayed message comes).
   */
  noteArrival(ref: SubscriptionRef, position: LanePosition, nowMs: number): Promise<{ seen: boolean }>;
  /** Takes the lane's lease if free (or expired); its state, or undefined when another worker holds it. */
  acquireLane(
    ref: SubscriptionRef,
    token: string,
    nowMs: number,
    leaseMs: number,
  ): Promise<LaneState | undefined>;
  /**
   * Gives the lease back. With `ifGen`, only if no delivery arrived since the holder read that gen
   * (false then, and the lease is kept). `idle`: nothing waits, so no delayed message is due either.
   */
  releaseLane(ref: SubscriptionRef, token: string, ifGen?: number, idle?: boolean): Promise<boolean>;
  /** The lane's state as the holder sees it now. */
  laneState(ref: SubscriptionRef): Promise<LaneState | undefined>;
  /**
   * Moves `from` to the head found, only if it is still `expected` and no delivery arrived since
   * `ifGen` (one may lie before the head); false otherwise.
   */
  moveLaneFrom(
    ref: SubscriptionRef,
    expected: LanePosition | null,
    to: LanePosition,
    ifGen: number,
  ): Promise<boolean>;
  setWake(ref: SubscriptionRef, wakeAtMs: number): Promise<void>;

  /** Deletes up to `limit` webhook items of the organization (its cascade delete); fewer means none are left. */
  purgeOrg(orgId: string, limit: number): Promise<number>;
}

/** The signing secret of a subscription's key, derived from the tenant's webhook key. */
export interface WebhookKeys {
  secretOf(ref: SubscriptionRef & { keyId: string }): Promise<string>;
}

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

export interface WebhookResponse {
  /** A 2xx answer. */
  ok: boolean;
  statusCode: number | null;
  /** Why it failed (`HTTP 503`, `timeout after 5000 ms`, `connection refused`), never the body. */
  error: string | null;
}

export interface WebhookSender {
  send(request: WebhookRequest): Promise<WebhookResponse>;
}

/** Lane messages on the lanes queue; `wake` marks the one that ends a backoff wait. */
export interface WebhookQueue {
  kick(ref: SubscriptionRef, options: { delaySeconds: number; wake: boolean }): Promise<void>;
}
