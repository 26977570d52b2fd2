import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';
import { sponsorshipsPk } from './event-partition.js';

/**
 * A sponsorship package of an event. `sold` is changed only by `add` in the transactions that sign
 * (under `sold < quantity`) and cancel a deal; edits `set` the other fields under the version.
 *
 * Key templates:
 * - table: pk `${orgId}#sponsorships#event#${eventId}`  sk `package#${packageId}`
 */
export const sponsorshipPackageEntity = new Entity({
  model: { ...entityBase, entity: 'sponsorshipPackage' },
  attributes: {
    ...fixedStrings('orgId', 'eventId', 'packageId', 'createdAt'),
    name: { type: 'string', required: true },
    tier: { type: ['platinum', 'gold', 'silver', 'bronze', 'partner'] as const, required: true },
    priceMinor: { type: 'number', required: true },
    currency: { type: 'string', required: true },
    benefits: { type: 'list', items: { type: 'string' }, required: true },
    quantity: { type: 'number', required: true },
    sold: { type: 'number', required: true },
    onboardingSteps: { type: 'list', items: { type: 'string' }, required: true },
    activations: {
      type: 'list',
      required: true,
      items: {
        type: 'map',
        properties: { name: { type: 'string', required: true }, scheduledDate: { type: 'string' } },
      },
    },
    status: { type: ['active', 'retired'] as const, required: true },
    version: { type: 'number', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byEvent: {
      pk: sponsorshipsPk,
      sk: key('sk', ['packageId'], 'package#${packageId}'),
    },
  },
});
