import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';
import { marketingPk, moneyMap, platformType } from './partitions.js';

/**
 * An influencer agreement of a campaign, its deliverables in the one item. Every write is
 * conditional on `version`.
 *
 * Key templates:
 * - table: pk `${orgId}#marketing#event#${eventId}`  sk `influencer#${campaignId}#${influencerId}`
 */
export const influencerCampaignEntity = new Entity({
  model: { ...entityBase, entity: 'influencerCampaign' },
  attributes: {
    ...fixedStrings('orgId', 'eventId', 'campaignId', 'influencerId', 'createdAt'),
    name: { type: 'string', required: true },
    handle: { type: 'string', required: true },
    platform: { type: platformType, required: true },
    fee: { ...moneyMap, required: true },
    deliverables: {
      type: 'list',
      required: true,
      items: {
        type: 'map',
        properties: {
          deliverableId: { type: 'string', required: true },
          kind: { type: 'string', required: true },
          dueDate: { type: 'string', required: true },
          delivered: { type: 'boolean', required: true },
          url: { type: 'string' },
          deliveredAt: { type: 'string' },
        },
      },
    },
    status: { type: ['proposed', 'agreed', 'completed', 'cancelled'] as const, required: true },
    version: { type: 'number', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byEvent: {
      pk: marketingPk,
      sk: key('sk', ['campaignId', 'influencerId'], 'influencer#${campaignId}#${influencerId}'),
    },
  },
});
