import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';
import { expensesPk } from './event-partition.js';

/**
 * An event's expense. Every write is conditional on `version` (and the status read), and commits
 * with the change of its totals (expense-totals.ts).
 *
 * Key templates:
 * - table: pk `${orgId}#expenses#event#${eventId}`  sk `expense#${expenseId}`
 */
export const expenseEntity = new Entity({
  model: { ...entityBase, entity: 'expense' },
  attributes: {
    ...fixedStrings('orgId', 'eventId', 'expenseId', 'submittedBy', 'createdAt'),
    name: { type: 'string', required: true },
    category: {
      type: ['venue', 'catering', 'speakers', 'marketing', 'technology', 'travel', 'miscellaneous'] as const,
      required: true,
    },
    description: { type: 'string' },
    amountMinor: { type: 'number', required: true },
    currency: { type: 'string', required: true },
    vendorName: { type: 'string' },
    invoiceNumber: { type: 'string' },
    receiptUrl: { type: 'string' },
    invoiceUrl: { type: 'string' },
    status: { type: ['pending', 'approved', 'rejected', 'paid'] as const, required: true },
    decidedBy: { type: 'string' },
    decidedAt: { type: 'string' },
    rejectionReason: { type: 'string' },
    paidBy: { type: 'string' },
    paymentDate: { type: 'string' },
    version: { type: 'number', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byEvent: {
      pk: expensesPk,
      sk: key('sk', ['expenseId'], 'expense#${expenseId}'),
    },
  },
});
