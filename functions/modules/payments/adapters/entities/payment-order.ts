import { Entity } from 'electrodb';
import { entityBase, fixedStrings, unlisted } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/** Pending orders spread over this many partitions of the reconciler's index. */
export const pendingShards = 8;

/**
 * The payment order of one booking (one per booking: its key is the booking's), beside the
 * booking in the session's partition.
 *
 * Key templates:
 * - table: pk `${orgId}#session#${sessionId}#payments`   sk `order#${bookingId}`
 * - gsi1:  pk `${listedReview}#payment-orders#review`     sk `${createdAt}#${orderId}`
 *   Only while staff must decide about it (a late payment under the `review` policy).
 * - gsi3:  pk `payments#pending#${pendingShard}`          sk `${pendingDue}#${orderId}`
 *   Only while pending or failed, or while a refund is owed (`pendingDue` is `none` otherwise): the
 *   reconciler walks the orders still unpaid past their hold's deadline, and those owing a refund,
 *   across organizations, as the hold sweeper does.
 */
export const paymentOrderEntity = new Entity({
  model: { ...entityBase, entity: 'paymentOrder' },
  attributes: {
    ...fixedStrings('orgId', 'sessionId', 'bookingId', 'eventId', 'orderId'),
    provider: { type: ['stripe', 'razorpay'] as const, required: true, readOnly: true },
    /**
     * The quote as JSON (amounts in minor units, with its lines): fixed when the order is made.
     * Orders made before quotes had lines read with them derived (stored-quote.ts).
     */
    quote: { type: 'string', required: true, readOnly: true },
    status: {
      type: ['pending', 'paid', 'failed', 'expired', 'partially_refunded', 'refunded'] as const,
      required: true,
    },
    providerOrderId: { type: 'string' },
    paidAmount: { type: 'number', required: true },
    refundedAmount: { type: 'number', required: true },
    refundPending: { type: 'number', required: true },
    failureReason: { type: 'string' },
    expiresAt: { type: 'string', required: true, readOnly: true },
    review: { type: ['late_payment'] as const },
    refundOwedSince: { type: 'string' },
    ...fixedStrings('pendingShard', 'createdAt'),
    /** Index-only: the organization while the order waits for staff (`review`), `none` otherwise. */
    listedReview: { type: 'string', required: true },
    /**
     * Index-only: `expiresAt` while pending or failed, `refundOwedSince` while a refund is owed,
     * `none` otherwise (keeps the order out of gsi3).
     */
    pendingDue: { type: 'string', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byBooking: {
      pk: key('pk', ['orgId', 'sessionId'], '${orgId}#session#${sessionId}#payments'),
      sk: key('sk', ['bookingId'], 'order#${bookingId}'),
    },
    byReview: {
      index: 'gsi1',
      condition: (a) => a.listedReview !== unlisted,
      pk: key('gsi1pk', ['listedReview'], '${listedReview}#payment-orders#review'),
      sk: key('gsi1sk', ['createdAt', 'orderId'], '${createdAt}#${orderId}'),
    },
    byPendingDue: {
      index: 'gsi3',
      condition: (a) => a.pendingDue !== unlisted,
      pk: key('gsi3pk', ['pendingShard'], 'payments#pending#${pendingShard}'),
      sk: key('gsi3sk', ['pendingDue', 'orderId'], '${pendingDue}#${orderId}'),
    },
  },
});
