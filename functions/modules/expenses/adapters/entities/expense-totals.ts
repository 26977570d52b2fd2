import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';
import { expensesPk } from './event-partition.js';

// No default: an upsert would set it, overwriting the tallies it should add to.
const tally = { type: 'number' } as const;

/**
 * The tallies of one currency and category of an event's expenses: count and sum of minor units
 * per status. Changed only by `add` in the transaction of the expense write that changes them
 * (never read-modify-write); the first write of a currency and category creates it.
 *
 * Key templates:
 * - table: pk `${orgId}#expenses#event#${eventId}`  sk `totals#${currency}#${category}`
 */
export const expenseTotalsEntity = new Entity({
  model: { ...entityBase, entity: 'expenseTotals' },
  attributes: {
    ...fixedStrings('orgId', 'eventId', 'currency'),
    category: {
      type: ['venue', 'catering', 'speakers', 'marketing', 'technology', 'travel', 'miscellaneous'] as const,
      required: true,
      readOnly: true,
    },
    pendingCount: tally,
    pendingMinor: tally,
    approvedCount: tally,
    approvedMinor: tally,
    rejectedCount: tally,
    rejectedMinor: tally,
    paidCount: tally,
    paidMinor: tally,
  },
  indexes: {
    byEvent: {
      pk: expensesPk,
      sk: key('sk', ['currency', 'category'], 'totals#${currency}#${category}'),
    },
  },
});
