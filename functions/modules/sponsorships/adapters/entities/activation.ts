import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';
import { sponsorshipsPk } from './event-partition.js';

/**
 * An activation of a signed deal (a benefit to deliver), created by the signing's transaction;
 * changed with its deal's counts (the deal's version guards both).
 *
 * Key templates:
 * - table: pk `${orgId}#sponsorships#event#${eventId}`  sk `activation#${dealId}#${activationId}`
 */
export const sponsorActivationEntity = new Entity({
  model: { ...entityBase, entity: 'sponsorActivation' },
  attributes: {
    ...fixedStrings('orgId', 'eventId', 'dealId', 'activationId', 'name'),
    position: { type: 'number', required: true, readOnly: true },
    scheduledDate: { type: 'string' },
    delivered: { type: 'boolean', required: true },
    deliveredAt: { type: 'string' },
    deliveredBy: { type: 'string' },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byDeal: {
      pk: sponsorshipsPk,
      sk: key('sk', ['dealId', 'activationId'], 'activation#${dealId}#${activationId}'),
    },
  },
});
