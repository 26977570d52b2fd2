import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * One line of an event's budget: the planned amount of a category. An event's lines share one
 * partition: the budget and its cascade are a Query.
 *
 * Key templates:
 * - table: pk `${orgId}#budget#event#${eventId}`  sk `line#${category}`
 */
export const budgetLineEntity = new Entity({
  model: { ...entityBase, entity: 'budgetLine' },
  attributes: {
    ...fixedStrings('orgId', 'eventId'),
    category: {
      type: ['venue', 'catering', 'speakers', 'marketing', 'technology', 'travel', 'miscellaneous'] as const,
      required: true,
      readOnly: true,
    },
    plannedMinor: { type: 'number', required: true },
    currency: { type: 'string', required: true },
    notes: { type: 'string' },
    createdAt: { type: 'string', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byEvent: {
      pk: key('pk', ['orgId', 'eventId'], '${orgId}#budget#event#${eventId}'),
      sk: key('sk', ['category'], 'line#${category}'),
    },
  },
});
