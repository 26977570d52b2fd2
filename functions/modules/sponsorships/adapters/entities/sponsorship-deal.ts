import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';
import { sponsorshipsPk } from './event-partition.js';

/**
 * A sponsorship deal. Every write is a put conditional on the `version` and `status` read.
 *
 * Key templates:
 * - table: pk `${orgId}#sponsorships#event#${eventId}`  sk `deal#${dealId}`
 */
export const sponsorshipDealEntity = new Entity({
  model: { ...entityBase, entity: 'sponsorshipDeal' },
  attributes: {
    ...fixedStrings('orgId', 'eventId', 'dealId', 'packageId', 'createdAt'),
    companyName: { type: 'string', required: true },
    contactName: { type: 'string' },
    contactEmail: { type: 'string' },
    contactPhone: { type: 'string' },
    ownerId: { type: 'string', required: true },
    notes: { type: 'string' },
    amountMinor: { type: 'number', required: true },
    currency: { type: 'string', required: true },
    status: {
      type: [
        'prospect',
        'proposal_sent',
        'contract_signed',
        'onboarding',
        'activations_delivered',
        'lost',
        'cancelled',
      ] as const,
      required: true,
    },
    proposalSentAt: { type: 'string' },
    signedAt: { type: 'string' },
    closedAt: { type: 'string' },
    sponsorId: { type: 'string' },
    stepsTotal: { type: 'number', required: true },
    stepsCompleted: { type: 'number', required: true },
    activationsTotal: { type: 'number', required: true },
    activationsDelivered: { type: 'number', required: true },
    version: { type: 'number', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byEvent: {
      pk: sponsorshipsPk,
      sk: key('sk', ['dealId'], 'deal#${dealId}'),
    },
  },
});
