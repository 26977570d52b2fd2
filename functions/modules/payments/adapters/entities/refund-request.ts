import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * A refund asked of the provider, keyed by the caller's request id: asking again with the same id
 * finds it, and the provider gets the same id as its idempotency key.
 *
 * Key template: pk `${orgId}#session#${sessionId}#payments`   sk `refund#${bookingId}#${requestId}`
 */
export const refundRequestEntity = new Entity({
  model: { ...entityBase, entity: 'refundRequest' },
  attributes: {
    ...fixedStrings(
      'orgId',
      'sessionId',
      'bookingId',
      'orderId',
      'requestId',
      'reason',
      'requestedBy',
      'createdAt',
    ),
    amount: { type: 'number', required: true, readOnly: true },
    status: { type: ['requested', 'succeeded', 'failed'] as const, required: true },
    providerRefundId: { type: 'string' },
    failureReason: { type: 'string' },
    /** While a caller asks the provider: others wait (Razorpay takes no idempotency key). */
    askingUntil: { type: 'string' },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byOrder: {
      pk: key('pk', ['orgId', 'sessionId'], '${orgId}#session#${sessionId}#payments'),
      sk: key('sk', ['bookingId', 'requestId'], 'refund#${bookingId}#${requestId}'),
    },
  },
});
