import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound, validationFailed } from '../../../kernel/domain/errors.js';
import { newId } from '../../../kernel/domain/ids.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import { checkEndpointUrl } from './endpoint-url.js';
import type { SubscribedType, WebhookDelivery, WebhookSubscription } from './model.js';
import type { SubscriptionRef } from './ports.js';

/**
 * Use cases of webhook subscriptions, for an organization's owners and admins (`webhook.manage`).
 * The signing secret is answered once, by create and by rotate; it is never stored (derived from
 * the tenant's webhook key and the subscription's key id, docs/webhooks.md) nor read back.
 */

export interface SubscriptionInput {
  url: string;
  eventTypes: SubscribedType[];
  description?: string | null | undefined;
}

export type SubscriptionChange = Partial<SubscriptionInput>;

type WebhookReadDeps = Pick<Deps, 'webhooks'> & AccessDeps;
type WebhookWriteDeps = Pick<Deps, 'webhooks' | 'webhookPolicy' | 'clock'> & AccessDeps;
type WebhookSecretDeps = Pick<Deps, 'webhooks' | 'webhookKeys' | 'webhookPolicy' | 'clock'> & AccessDeps;
type WebhookResumeDeps = Pick<Deps, 'webhooks' | 'webhookQueue' | 'clock'> & AccessDeps;

/** Rounds of read-and-write before a subscription that keeps changing answers CONFLICT. */
const attempts = 3;

const uniqueTypes = (types: readonly SubscribedType[]): SubscribedType[] =>
  types.includes('*') ? ['*'] : [...new Set(types)];

export const existingSubscription = async (
  deps: Pick<Deps, 'webhooks'>,
  ref: SubscriptionRef,
): Promise<WebhookSubscription> => {
  const sub = await deps.webhooks.getSubscription(ref.orgId, ref.subscriptionId);
  if (!sub || sub.status === 'deleted') throw notFound('webhook subscription');
  return sub;
};

/** Reads, changes and writes under the version guard, a few times before answering CONFLICT. */
const changed = async (
  deps: Pick<Deps, 'webhooks' | 'clock'>,
  ref: SubscriptionRef,
  change: (before: WebhookSubscription, now: string) => WebhookSubscription,
): Promise<WebhookSubscription> => {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const before = await existingSubscription(deps, ref);
    const now = deps.clock.now().toISOString();
    const after = { ...change(before, now), version: before.version + 1, updatedAt: now };
    if (await deps.webhooks.saveSubscription(before, after)) return after;
  }
  throw new DomainError('CONFLICT', 'the webhook subscription keeps changing; try again');
};

const secretOf = (deps: Pick<Deps, 'webhookKeys'>, sub: WebhookSubscription, keyId: string) =>
  deps.webhookKeys.secretOf({ orgId: sub.orgId, subscriptionId: sub.subscriptionId, keyId });

export const createSubscription = async (
  deps: WebhookSecretDeps,
  principal: Principal,
  orgId: string,
  input: SubscriptionInput,
): Promise<{ subscription: WebhookSubscription; secret: string }> => {
  await authorize(deps, orgId, principal, 'webhook.manage');
  const policy = deps.webhookPolicy;
  const url = checkEndpointUrl(input.url, policy);
  const existing = await deps.webhooks.subscriptionsOf(orgId);
  if (existing.length >= policy.maxSubscriptions)
    throw new DomainError(
      'CONFLICT',
      `an organization has at most ${policy.maxSubscriptions} webhook subscriptions`,
    );
  const now = deps.clock.now().toISOString();
  const subscription: WebhookSubscription = {
    orgId,
    subscriptionId: newId('whs'),
    url,
    eventTypes: uniqueTypes(input.eventTypes),
    description: input.description ?? null,
    status: 'active',
    pausedBy: null,
    pausedAt: null,
    consecutiveFailures: 0,
    failingSince: null,
    lastDeliveredAt: null,
    lastFailedAt: null,
    keyId: newId('whk'),
    previousKeyId: null,
    previousKeyUntil: null,
    version: 0,
    createdAt: now,
    updatedAt: now,
  };
  await deps.webhooks.createSubscription(subscription);
  return { subscription, secret: await secretOf(deps, subscription, subscription.keyId) };
};

export const getSubscription = async (
  deps: WebhookReadDeps,
  principal: Principal,
  ref: SubscriptionRef,
): Promise<WebhookSubscription> => {
  await authorize(deps, ref.orgId, principal, 'webhook.manage');
  return existingSubscription(deps, ref);
};

export const listSubscriptions = async (
  deps: WebhookReadDeps,
  principal: Principal,
  orgId: string,
  page: PageRequest,
): Promise<Page<WebhookSubscription>> => {
  await authorize(deps, orgId, principal, 'webhook.manage');
  return deps.webhooks.listSubscriptions(orgId, page);
};

export const updateSubscription = async (
  deps: WebhookWriteDeps,
  principal: Principal,
  ref: SubscriptionRef,
  change: SubscriptionChange,
): Promise<WebhookSubscription> => {
  await authorize(deps, ref.orgId, principal, 'webhook.manage');
  const url = change.url === undefined ? undefined : checkEndpointUrl(change.url, deps.webhookPolicy);
  return changed(deps, ref, (before) => ({
    ...before,
    url: url ?? before.url,
    eventTypes: change.eventTypes ? uniqueTypes(change.eventTypes) : before.eventTypes,
    description: change.description === undefined ? before.description : change.description,
  }));
};

/**
 * Leaves a tombstone: the subscription is gone for every route and the lane, its deliveries expire
 * with their retention, and the tombstone after them (the organization's cascade removes both earlier).
 */
export const deleteSubscription = async (
  deps: Pick<Deps, 'webhooks' | 'clock'> & AccessDeps,
  principal: Principal,
  ref: SubscriptionRef,
): Promise<void> => {
  await authorize(deps, ref.orgId, principal, 'webhook.manage');
  await changed(deps, ref, (before) => ({ ...before, status: 'deleted' }));
};

/** Paused by staff: new events are still recorded as deliveries and wait; nothing is sent. */
export const pauseSubscription = async (
  deps: Pick<Deps, 'webhooks' | 'clock'> & AccessDeps,
  principal: Principal,
  ref: SubscriptionRef,
): Promise<WebhookSubscription> => {
  await authorize(deps, ref.orgId, principal, 'webhook.manage');
  return changed(deps, ref, (before, now) =>
    before.status === 'paused' ? before : { ...before, status: 'paused', pausedBy: 'staff', pausedAt: now },
  );
};

/**
 * Resumed by staff (after a pause of theirs or of the lane's): the failure counters start again
 * and the lane sends what waits, in order.
 */
export const resumeSubscription = async (
  deps: WebhookResumeDeps,
  principal: Principal,
  ref: SubscriptionRef,
): Promise<WebhookSubscription> => {
  await authorize(deps, ref.orgId, principal, 'webhook.manage');
  const resumed = await changed(deps, ref, (before) => ({
    ...before,
    status: 'active',
    pausedBy: null,
    pausedAt: null,
  }));
  await deps.webhooks.recordHealth(ref, { consecutiveFailures: 0, failingSince: null });
  await deps.webhookQueue.kick(ref, { delaySeconds: 0, wake: false });
  return { ...resumed, consecutiveFailures: 0, failingSince: null };
};

/**
 * A new signing secret, answered once. The old one keeps signing beside it (two `v1` signatures)
 * for the policy's overlap (24 hours), so receivers can switch without losing a delivery.
 */
export const rotateSecret = async (
  deps: WebhookSecretDeps,
  principal: Principal,
  ref: SubscriptionRef,
): Promise<{ subscription: WebhookSubscription; secret: string }> => {
  await authorize(deps, ref.orgId, principal, 'webhook.manage');
  const overlap = deps.webhookPolicy.rotationOverlapMs;
  const subscription = await changed(deps, ref, (before, now) => ({
    ...before,
    keyId: newId('whk'),
    previousKeyId: before.keyId,
    previousKeyUntil: new Date(Date.parse(now) + overlap).toISOString(),
  }));
  return { subscription, secret: await secretOf(deps, subscription, subscription.keyId) };
};

export const listDeliveries = async (
  deps: WebhookReadDeps,
  principal: Principal,
  ref: SubscriptionRef,
  page: PageRequest,
): Promise<Page<WebhookDelivery>> => {
  await authorize(deps, ref.orgId, principal, 'webhook.manage');
  await existingSubscription(deps, ref);
  return deps.webhooks.listDeliveries(ref, page);
};

/**
 * Sends the subscription's deliveries of events that occurred in [from, to] again (at most the
 * policy's limit, the oldest first): each is pending once more, with fresh attempts, and the lane
 * sends them in order with whatever else waits.
 */
export const replayDeliveries = async (
  deps: Pick<Deps, 'webhooks' | 'webhookQueue' | 'webhookPolicy' | 'clock'> & AccessDeps,
  principal: Principal,
  ref: SubscriptionRef,
  range: { from: string; to: string },
): Promise<{ replayed: number; limited: boolean }> => {
  await authorize(deps, ref.orgId, principal, 'webhook.manage');
  if (range.from > range.to) throw validationFailed([{ field: 'to', message: 'must not be before `from`' }]);
  await existingSubscription(deps, ref);
  const limit = deps.webhookPolicy.replayLimit;
  const found = await deps.webhooks.deliveriesBetween(ref, range.from, range.to, limit + 1);
  const chosen = found.slice(0, limit);
  const now = deps.clock.now().toISOString();
  for (const d of chosen) {
    await deps.webhooks.saveDelivery({
      ...d,
      status: 'pending',
      attempts: 0,
      firstAttemptAt: null,
      nextAttemptAt: null,
      failedAt: null,
      replayedAt: now,
    });
  }
  const first = chosen[0];
  if (first) {
    const at = { occurredAt: first.occurredAt, eventId: first.eventId };
    await deps.webhooks.noteArrival(ref, at, deps.clock.now().getTime());
    // Always a lane message: a lane waiting out a backoff sends the replayed (earlier) ones at once.
    await deps.webhookQueue.kick(ref, { delaySeconds: 0, wake: false });
  }
  return { replayed: chosen.length, limited: found.length > limit };
};
