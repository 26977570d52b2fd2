import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';
import { marketingPk, moneyMap } from './partitions.js';

/**
 * A marketing campaign of an event. Every write is conditional on `version`; its tracking code is
 * written once, beside the organization's claim of it (tracking-code.ts).
 *
 * Key templates:
 * - table: pk `${orgId}#marketing#event#${eventId}`  sk `campaign#${campaignId}`
 */
export const marketingCampaignEntity = new Entity({
  model: { ...entityBase, entity: 'marketingCampaign' },
  attributes: {
    ...fixedStrings('orgId', 'eventId', 'campaignId', 'trackingCode', 'createdBy', 'createdAt'),
    name: { type: 'string', required: true },
    channel: {
      type: ['email', 'social', 'influencer', 'paid_ads', 'partner', 'other'] as const,
      required: true,
    },
    startsAt: { type: 'string', required: true },
    endsAt: { type: 'string', required: true },
    budget: { ...moneyMap, required: true },
    goalBookings: { type: 'number' },
    goalRevenue: moneyMap,
    status: { type: ['draft', 'active', 'completed', 'cancelled'] as const, required: true },
    version: { type: 'number', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byEvent: { pk: marketingPk, sk: key('sk', ['campaignId'], 'campaign#${campaignId}') },
  },
});
