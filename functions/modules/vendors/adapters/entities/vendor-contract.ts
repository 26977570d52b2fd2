import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * An event's contract with a vendor, its installments and its documents' records in the one item
 * (a contract holds at most 20 documents). Every write is conditional on `version`. An event's
 * contracts share one partition: its list, its budget's actuals and its cascade are a Query.
 *
 * Key templates:
 * - table: pk `${orgId}#vendor-contracts#event#${eventId}`  sk `contract#${contractId}`
 */
export const vendorContractEntity = new Entity({
  model: { ...entityBase, entity: 'vendorContract' },
  attributes: {
    ...fixedStrings('orgId', 'eventId', 'contractId', 'createdBy', 'createdAt'),
    vendorId: { type: 'string', required: true },
    vendorName: { type: 'string', required: true },
    title: { type: 'string', required: true },
    category: {
      type: ['venue', 'catering', 'speakers', 'marketing', 'technology', 'travel', 'miscellaneous'] as const,
      required: true,
    },
    amountMinor: { type: 'number', required: true },
    currency: { type: 'string', required: true },
    installments: {
      type: 'list',
      required: true,
      items: {
        type: 'map',
        properties: {
          dueDate: { type: 'string', required: true },
          amountMinor: { type: 'number', required: true },
        },
      },
    },
    notes: { type: 'string' },
    status: { type: ['draft', 'signed', 'paid', 'cancelled'] as const, required: true },
    signedAt: { type: 'string' },
    paidAt: { type: 'string' },
    cancelledAt: { type: 'string' },
    documents: {
      type: 'list',
      required: true,
      items: {
        type: 'map',
        properties: {
          documentId: { type: 'string', required: true },
          fileName: { type: 'string', required: true },
          contentType: { type: 'string', required: true },
          sizeBytes: { type: 'number', required: true },
          status: { type: ['pending_upload', 'available'] as const, required: true },
          uploadedBy: { type: 'string', required: true },
          createdAt: { type: 'string', required: true },
        },
      },
    },
    version: { type: 'number', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byEvent: {
      pk: key('pk', ['orgId', 'eventId'], '${orgId}#vendor-contracts#event#${eventId}'),
      sk: key('sk', ['contractId'], 'contract#${contractId}'),
    },
  },
});
