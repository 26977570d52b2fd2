import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';
import { sponsorshipsPk } from './event-partition.js';

/**
 * An onboarding step of a signed deal, created by the signing's transaction; changed with its
 * deal's counts (the deal's version guards both).
 *
 * Key templates:
 * - table: pk `${orgId}#sponsorships#event#${eventId}`  sk `step#${dealId}#${stepId}`
 */
export const sponsorOnboardingStepEntity = new Entity({
  model: { ...entityBase, entity: 'sponsorOnboardingStep' },
  attributes: {
    ...fixedStrings('orgId', 'eventId', 'dealId', 'stepId', 'name'),
    position: { type: 'number', required: true, readOnly: true },
    completed: { type: 'boolean', required: true },
    completedAt: { type: 'string' },
    completedBy: { type: 'string' },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byDeal: {
      pk: sponsorshipsPk,
      sk: key('sk', ['dealId', 'stepId'], 'step#${dealId}#${stepId}'),
    },
  },
});
