import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * A ticket category of an event. An event's categories share one partition, read whole by a
 * booking (at most `maxCategoriesPerEvent` items).
 *
 * Key templates:
 * - table: pk `${orgId}#event#${eventId}#categories`  sk `${categoryId}`
 * - gsi2:  pk `${orgId}#categories`                   sk `${eventId}#${categoryId}` (the organization's cascade delete)
 */
export const ticketCategoryEntity = new Entity({
  model: { ...entityBase, entity: 'ticketCategory' },
  attributes: {
    ...fixedStrings('orgId', 'eventId', 'categoryId', 'currency', 'createdAt'),
    name: { type: 'string', required: true },
    description: { type: 'string' },
    priceMinor: { type: 'number', required: true },
    quota: { type: 'number' },
    salesStartAt: { type: 'string' },
    salesEndAt: { type: 'string' },
    visibility: { type: ['public', 'hidden'] as const, required: true },
    minPerOrder: { type: 'number', required: true },
    maxPerOrder: { type: 'number', required: true },
    priceSteps: {
      type: 'list',
      required: true,
      items: {
        type: 'map',
        properties: {
          kind: { type: ['after_sold', 'from_date'] as const, required: true },
          afterSold: { type: 'number' },
          from: { type: 'string' },
          unitAmount: { type: 'number', required: true },
        },
      },
    },
    sortOrder: { type: 'number', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byEvent: {
      pk: key('pk', ['orgId', 'eventId'], '${orgId}#event#${eventId}#categories'),
      sk: key('sk', ['categoryId'], '${categoryId}'),
    },
    byOrg: {
      index: 'gsi2',
      pk: key('gsi2pk', ['orgId'], '${orgId}#categories'),
      sk: key('gsi2sk', ['eventId', 'categoryId'], '${eventId}#${categoryId}'),
    },
  },
});
