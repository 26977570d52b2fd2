import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * One event for one subscription (webhooks/domain/model.ts): its payload as sent, its status and
 * attempts. Keyed by the event's position, so a subscription's deliveries read in the order they
 * are sent, and one event makes one delivery however often its message comes. Expires (`ttl`)
 * after the retention (30 days).
 *
 * Key templates:
 * - table: pk `${orgId}#webhooks#${subscriptionId}`   sk `delivery#${position}`
 *   (`position` is `${occurredAt}#${eventId}`)
 */
export const webhookDeliveryEntity = new Entity({
  model: { ...entityBase, entity: 'webhookDelivery' },
  attributes: {
    ...fixedStrings('orgId', 'subscriptionId', 'eventId', 'position', 'eventType', 'subject'),
    ...fixedStrings('occurredAt', 'body', 'createdAt'),
    status: { type: ['pending', 'delivered', 'failed'] as const, required: true },
    attempts: { type: 'number', required: true },
    firstAttemptAt: { type: 'string' },
    lastAttemptAt: { type: 'string' },
    nextAttemptAt: { type: 'string' },
    lastStatusCode: { type: 'number' },
    lastError: { type: 'string' },
    deliveredAt: { type: 'string' },
    failedAt: { type: 'string' },
    replayedAt: { type: 'string' },
    ttl: { type: 'number', required: true, readOnly: true },
  },
  indexes: {
    bySubscription: {
      pk: key('pk', ['orgId', 'subscriptionId'], '${orgId}#webhooks#${subscriptionId}'),
      sk: key('sk', ['position'], 'delivery#${position}'),
    },
  },
});
