import { getContainer } from '../../../app/container.js';
import { asTheChange } from '../../../kernel/audit/audit-scope.js';
import { accepted, created, noContent, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import type { WebhookDelivery, WebhookSubscription } from '../domain/model.js';
import {
  createSubscription,
  deleteSubscription,
  getSubscription,
  listDeliveries,
  listSubscriptions,
  pauseSubscription,
  replayDeliveries,
  resumeSubscription,
  rotateSecret,
  updateSubscription,
} from '../domain/subscriptions.js';

const deps = () => getContainer().deps;

/** What the API shows of a subscription: no key ids (they name the secrets), no version. */
const view = (s: WebhookSubscription) => ({
  orgId: s.orgId,
  subscriptionId: s.subscriptionId,
  url: s.url,
  eventTypes: s.eventTypes,
  description: s.description,
  status: s.status,
  pausedBy: s.pausedBy,
  pausedAt: s.pausedAt,
  consecutiveFailures: s.consecutiveFailures,
  failingSince: s.failingSince,
  lastDeliveredAt: s.lastDeliveredAt,
  lastFailedAt: s.lastFailedAt,
  previousSecretValidUntil: s.previousKeyId === null ? null : s.previousKeyUntil,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
});

/** The log shows what happened to a delivery, not its payload. */
const deliveryView = ({ orgId: _o, subscriptionId: _s, body: _b, ...d }: WebhookDelivery) => d;

export const webhookHandlers = {
  createWebhookSubscription: async ({ principal, params, body }) => {
    const { subscription, secret } = await createSubscription(deps(), principal, params.orgId, body);
    return created({ subscription: view(subscription), secret });
  },
  listWebhookSubscriptions: async ({ principal, params, query }) => {
    const page = await listSubscriptions(deps(), principal, params.orgId, query);
    return ok({ items: page.items.map(view), nextCursor: page.nextCursor });
  },
  getWebhookSubscription: async ({ principal, params }) =>
    ok(view(await getSubscription(deps(), principal, params))),
  updateWebhookSubscription: async ({ principal, params, body }) =>
    ok(view(await updateSubscription(deps(), principal, params, body))),
  deleteWebhookSubscription: async ({ principal, params }) => {
    await deleteSubscription(deps(), principal, params);
    return noContent();
  },
  pauseWebhookSubscription: async ({ principal, params }) =>
    ok(view(await pauseSubscription(deps(), principal, params))),
  resumeWebhookSubscription: async ({ principal, params }) =>
    ok(view(await resumeSubscription(deps(), principal, params))),
  rotateWebhookSecret: async ({ principal, params }) => {
    const { subscription, secret } = await rotateSecret(deps(), principal, params);
    return ok({ subscription: view(subscription), secret });
  },
  listWebhookDeliveries: async ({ principal, params, query }) => {
    const page = await listDeliveries(deps(), principal, params, query);
    return ok({ items: page.items.map(deliveryView), nextCursor: page.nextCursor });
  },
  // A replay writes deliveries only (the log of sending, no fact of its own): it is the change.
  replayWebhookDeliveries: async ({ principal, params, body }) =>
    accepted(await asTheChange(() => replayDeliveries(deps(), principal, params, body))),
} satisfies Partial<RouteHandlers<'webhooks'>>;
