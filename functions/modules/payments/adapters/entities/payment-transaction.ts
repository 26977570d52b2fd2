import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * A payment, refund or chargeback of an order as the provider reported it. Its key holds the
 * provider's id, so a put conditional on absence records each movement of money exactly once.
 *
 * Key template: pk `${orgId}#session#${sessionId}#payments`
 *               sk `txn#${bookingId}#${kind}#${providerTransactionId}`
 */
export const paymentTransactionEntity = new Entity({
  model: { ...entityBase, entity: 'paymentTransaction' },
  attributes: {
    ...fixedStrings('orgId', 'sessionId', 'bookingId', 'orderId'),
    kind: { type: ['payment', 'refund', 'chargeback'] as const, required: true, readOnly: true },
    provider: { type: ['stripe', 'razorpay'] as const, required: true, readOnly: true },
    ...fixedStrings('providerTransactionId', 'currency', 'at'),
    amount: { type: 'number', required: true, readOnly: true },
  },
  indexes: {
    byOrder: {
      pk: key('pk', ['orgId', 'sessionId'], '${orgId}#session#${sessionId}#payments'),
      sk: key(
        'sk',
        ['bookingId', 'kind', 'providerTransactionId'],
        'txn#${bookingId}#${kind}#${providerTransactionId}',
      ),
    },
  },
});
