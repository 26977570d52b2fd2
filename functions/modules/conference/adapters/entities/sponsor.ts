import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';
import { conferencePk, linkItems } from './event-partition.js';

/**
 * An event's sponsor.
 *
 * Key templates:
 * - table: pk `${orgId}#conference#event#${eventId}`  sk `sponsor#${sponsorId}`
 */
export const sponsorEntity = new Entity({
  model: { ...entityBase, entity: 'sponsor' },
  attributes: {
    ...fixedStrings('orgId', 'eventId', 'sponsorId', 'createdAt'),
    companyName: { type: 'string', required: true },
    tier: { type: ['platinum', 'gold', 'silver', 'bronze', 'partner'] as const, required: true },
    contactName: { type: 'string' },
    contactEmail: { type: 'string' },
    contactPhone: { type: 'string' },
    /** User ids (absent on sponsors written before representatives existed: read as none). */
    representatives: { type: 'list', items: { type: 'string' }, required: true },
    amountMinor: { type: 'number' },
    currency: { type: 'string' },
    benefits: { type: 'list', items: { type: 'string' }, required: true },
    logoUrl: { type: 'string' },
    websiteUrl: { type: 'string' },
    links: { ...linkItems, required: true },
    status: { type: ['pending', 'confirmed', 'cancelled'] as const, required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byEvent: {
      pk: conferencePk,
      sk: key('sk', ['sponsorId'], 'sponsor#${sponsorId}'),
    },
  },
});
