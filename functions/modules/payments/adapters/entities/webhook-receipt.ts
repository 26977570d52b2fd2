import { Entity } from 'electrodb';
import { entityBase, fixedStrings, unlisted } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * What a provider's webhook said, stored before the provider gets its 2xx. Keyed by the provider
 * and its event id (not by organization: a receipt is stored before anything in it is trusted to
 * name one), so a repeated delivery finds the first.
 *
 * Key templates:
 * - table: pk `webhook#${provider}#${eventId}`                sk `receipt`
 * - gsi1:  pk `${listedFailed}#payment-receipts#failed`       sk `${receivedAt}#${eventId}`
 *   Only while failed and its organization is known: what staff list and retry.
 * - gsi3:  pk `payments#receipts#${unsettledShard}`            sk `${unsettledSince}#${eventId}`
 *   Only while `received` (`unsettledSince` is `none` otherwise): the sweep finds receipts that
 *   stayed unapplied (their queue message lost or dead-lettered), across organizations.
 */
export const webhookReceiptEntity = new Entity({
  model: { ...entityBase, entity: 'webhookReceipt' },
  attributes: {
    provider: { type: ['stripe', 'razorpay'] as const, required: true, readOnly: true },
    ...fixedStrings('eventId', 'type'),
    /** The event's effect on an order as JSON (see provider-events.ts); never the raw payload. */
    effect: { type: 'string', required: true, readOnly: true },
    status: { type: ['received', 'applied', 'ignored', 'failed'] as const, required: true },
    error: { type: 'string' },
    orgId: { type: 'string', readOnly: true },
    /** Index-only: the organization while failed, `none` otherwise. */
    listedFailed: { type: 'string', required: true },
    receivedAt: { type: 'string', required: true, readOnly: true },
    handoffs: { type: 'number', required: true },
    ...fixedStrings('unsettledShard'),
    /** Index-only: `updatedAt` while received, `none` otherwise (keeps the receipt out of gsi3). */
    unsettledSince: { type: 'string', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byEvent: {
      pk: key('pk', ['provider', 'eventId'], 'webhook#${provider}#${eventId}'),
      sk: key('sk', [], 'receipt'),
    },
    byFailed: {
      index: 'gsi1',
      condition: (a) => a.listedFailed !== unlisted,
      pk: key('gsi1pk', ['listedFailed'], '${listedFailed}#payment-receipts#failed'),
      sk: key('gsi1sk', ['receivedAt', 'eventId'], '${receivedAt}#${eventId}'),
    },
    byUnsettled: {
      index: 'gsi3',
      condition: (a) => a.unsettledSince !== unlisted,
      pk: key('gsi3pk', ['unsettledShard'], 'payments#receipts#${unsettledShard}'),
      sk: key('gsi3sk', ['unsettledSince', 'eventId'], '${unsettledSince}#${eventId}'),
    },
  },
});
