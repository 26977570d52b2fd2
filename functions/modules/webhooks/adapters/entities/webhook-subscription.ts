import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * A webhook subscription of an organization (webhooks/domain/model.ts), with its lane's state
 * (webhooks/domain/ports.ts `LaneState`: the lease, `laneGen`, `laneFrom`, `wakeAt`), which only
 * the lane and the fan-out change, each by a conditional update of those fields alone. No secret
 * is stored: `keyId` names the one derived from the tenant's webhook key.
 *
 * Key templates:
 * - table: pk `${orgId}#webhooks`   sk `sub#${subscriptionId}`
 */
export const webhookSubscriptionEntity = new Entity({
  model: { ...entityBase, entity: 'webhookSubscription' },
  attributes: {
    ...fixedStrings('orgId', 'subscriptionId', 'createdAt'),
    url: { type: 'string', required: true },
    eventTypes: { type: 'list', items: { type: 'string' }, required: true },
    description: { type: 'string' },
    status: { type: ['active', 'paused', 'deleted'] as const, required: true },
    pausedBy: { type: ['failures', 'staff'] as const },
    pausedAt: { type: 'string' },
    consecutiveFailures: { type: 'number', required: true },
    failingSince: { type: 'string' },
    lastDeliveredAt: { type: 'string' },
    lastFailedAt: { type: 'string' },
    keyId: { type: 'string', required: true },
    previousKeyId: { type: 'string' },
    previousKeyUntil: { type: 'string' },
    version: { type: 'number', required: true },
    updatedAt: { type: 'string', required: true },
    /** The lane: raised by every new or replayed delivery. */
    laneGen: { type: 'number', required: true },
    /** The lane: the position (`${occurredAt}#${eventId}`) at or after which its head is; '' from the start. */
    laneFrom: { type: 'string', required: true },
    /** The lane's lease: until when (epoch ms, 0 when free) and whose. */
    leaseUntil: { type: 'number', required: true },
    leaseToken: { type: 'string', required: true },
    /** When the one delayed lane message of a wait is due (epoch ms). */
    wakeAt: { type: 'number', required: true },
    /** A deleted subscription's tombstone expires after its deliveries (epoch seconds). */
    ttl: { type: 'number' },
  },
  indexes: {
    byOrg: {
      pk: key('pk', ['orgId'], '${orgId}#webhooks'),
      sk: key('sk', ['subscriptionId'], 'sub#${subscriptionId}'),
    },
  },
});
