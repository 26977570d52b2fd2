import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';
import { marketingPk } from './partitions.js';

/**
 * A campaign's social post. Every status change is conditional on `version`.
 *
 * Key templates:
 * - table: pk `${orgId}#marketing#event#${eventId}`  sk `post#${campaignId}#${postId}`
 */
export const marketingPostEntity = new Entity({
  model: { ...entityBase, entity: 'marketingPost' },
  attributes: {
    ...fixedStrings('orgId', 'eventId', 'campaignId', 'postId', 'accountId', 'createdBy', 'createdAt'),
    text: { type: 'string', required: true },
    link: { type: 'string' },
    trackedLink: { type: 'string' },
    status: {
      type: ['draft', 'scheduled', 'publishing', 'published', 'failed', 'cancelled'] as const,
      required: true,
    },
    scheduledAt: { type: 'string' },
    publishedAt: { type: 'string' },
    externalId: { type: 'string' },
    failedAt: { type: 'string' },
    failureReason: { type: 'string' },
    cancelledAt: { type: 'string' },
    version: { type: 'number', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byEvent: { pk: marketingPk, sk: key('sk', ['campaignId', 'postId'], 'post#${campaignId}#${postId}') },
  },
});
