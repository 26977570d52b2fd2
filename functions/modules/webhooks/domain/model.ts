/**
 * Outgoing webhooks (docs/webhooks.md): an organization's subscriptions (an endpoint and the event
 * types it wants) and their deliveries (one per subscription and event, sent in order through the
 * subscription's lane, retried with backoff, kept for the delivery log and replay).
 */

/** The event types a subscription may name ('*' is every one of them, and any added later). */
export const webhookEventTypes = [
  'booking.confirmed',
  'booking.cancelled',
  'booking.expired',
  'waitlist.offered',
  'payment.received',
  'payment.refunded',
  'ticket.checked_in',
  'session.cancelled',
] as const;

export type WebhookEventType = (typeof webhookEventTypes)[number];

export type SubscribedType = WebhookEventType | '*';

/** `paused` by staff, or by the lane after repeated failures (`pausedBy`); `deleted` is a tombstone. */
export type SubscriptionStatus = 'active' | 'paused' | 'deleted';

export interface WebhookSubscription {
  orgId: string;
  subscriptionId: string;
  url: string;
  eventTypes: SubscribedType[];
  description: string | null;
  status: SubscriptionStatus;
  pausedBy: 'failures' | 'staff' | null;
  pausedAt: string | null;
  /** Deliveries marked failed in a row (a delivered one resets it). */
  consecutiveFailures: number;
  /** The first failed attempt since the last delivered one. */
  failingSince: string | null;
  lastDeliveredAt: string | null;
  lastFailedAt: string | null;
  /**
   * Names the signing secret (derived from the tenant's webhook key and this id; never stored).
   * A rotation moves it to `previousKeyId`, which still signs until `previousKeyUntil`.
   */
  keyId: string;
  previousKeyId: string | null;
  previousKeyUntil: string | null;
  /** The store's concurrency guard of the fields above (the lane's fields do not change it). */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookDelivery {
  orgId: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  /** The event's subject (`booking:bkg_...`): what its order is about. */
  subject: string;
  occurredAt: string;
  /** The event's JSON exactly as sent (and resent by replay). */
  body: string;
  status: DeliveryStatus;
  attempts: number;
  firstAttemptAt: string | null;
  lastAttemptAt: string | null;
  /** When a pending delivery that failed may be tried again. */
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  failedAt: string | null;
  replayedAt: string | null;
  createdAt: string;
}

/** A delivery's place in its subscription's lane: deliveries are sent in this order. */
export interface LanePosition {
  occurredAt: string;
  eventId: string;
}

export const positionOf = (d: Pick<WebhookDelivery, 'occurredAt' | 'eventId'>): LanePosition => ({
  occurredAt: d.occurredAt,
  eventId: d.eventId,
});

export const comparePositions = (a: LanePosition, b: LanePosition): number =>
  a.occurredAt === b.occurredAt ? a.eventId.localeCompare(b.eventId) : a.occurredAt < b.occurredAt ? -1 : 1;

export const subscribes = (sub: Pick<WebhookSubscription, 'eventTypes'>, type: string): boolean =>
  sub.eventTypes.includes('*') || (sub.eventTypes as readonly string[]).includes(type);

/**
 * The tenant's delivery settings (docs/webhooks.md). Production values are the defaults; tests
 * shorten the times.
 */
export interface WebhookPolicy {
  /** One attempt's limit: connect, send and the receiver's answer. */
  attemptTimeoutMs: number;
  /** The first retry's wait; each later one doubles, up to `maxBackoffMs`. */
  backoffBaseMs: number;
  maxBackoffMs: number;
  /** A delivery is retried for this long after its first attempt, then marked failed. */
  retryWindowMs: number;
  /** Paused automatically after this many deliveries failed in a row... */
  pauseAfterFailedDeliveries: number;
  /** ...or when a delivery fails after the subscription has failed for this long. */
  pauseAfterFailingMs: number;
  /** How long a rotated-out secret still signs. */
  rotationOverlapMs: number;
  /** How long a delivery is kept (the delivery log and replay), from its creation. */
  retentionMs: number;
  /** At most this many deliveries are resent by one replay. */
  replayLimit: number;
  /** At most this many subscriptions per organization. */
  maxSubscriptions: number;
  /** Whether http://localhost and http://127.0.0.1 endpoints are allowed (the local runtime only). */
  allowLocalHttp: boolean;
}

const hour = 3_600_000;

export const defaultWebhookPolicy: WebhookPolicy = {
  attemptTimeoutMs: 5_000,
  backoffBaseMs: 10_000,
  maxBackoffMs: hour,
  retryWindowMs: 24 * hour,
  pauseAfterFailedDeliveries: 5,
  pauseAfterFailingMs: 24 * hour,
  rotationOverlapMs: 24 * hour,
  retentionMs: 30 * 24 * hour,
  replayLimit: 1_000,
  maxSubscriptions: 20,
  allowLocalHttp: false,
};

/** The wait before the attempt after `attempts` failed ones: base, 2 x base, 4 x base, ... up to the cap. */
export const backoffMs = (policy: Pick<WebhookPolicy, 'backoffBaseMs' | 'maxBackoffMs'>, attempts: number) =>
  Math.min(policy.maxBackoffMs, policy.backoffBaseMs * 2 ** Math.max(0, attempts - 1));
