import { unlisted } from '../../../kernel/dynamo/entity-base.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { commitTransaction, type TxEntities, type TxItem } from '../../../kernel/dynamo/transactions.js';
import { placesRefused, transitionItems } from '../../bookings/index.js';
import { notificationRecord } from '../../notifications/index.js';
import type { PaymentOrder, RefundRequest } from '../domain/model.js';
import type { PaymentStore } from '../domain/ports.js';
import type { WebhookReceipt } from '../domain/provider-events.js';
import { paymentEvents } from './payment-events.js';
import { receiptShard, toOrderItem, toRefundItem, toTransactionItem } from './payment-items.js';

type ReceiptKey = Pick<WebhookReceipt, 'provider' | 'eventId'>;

/** The order as read becomes `next`; refused when it changed meanwhile. */
export const orderItem = (tx: TxEntities, current: PaymentOrder, next: PaymentOrder): TxItem => ({
  label: 'order',
  write: tx.paymentOrder
    .put(toOrderItem(next))
    .where((a, { eq }) => `${eq(a.status, current.status)} AND ${eq(a.updatedAt, current.updatedAt)}`)
    .commit(),
  fails: 'refused',
});

/** The receipt that caused the change is applied with it, once. */
const receiptApplied = (tx: TxEntities, receipt: ReceiptKey | null, at: string): TxItem[] =>
  receipt
    ? [
        {
          label: 'receipt',
          write: tx.webhookReceipt
            .patch({ provider: receipt.provider, eventId: receipt.eventId })
            .set({ status: 'applied', unsettledSince: unlisted, updatedAt: at })
            .composite({ unsettledShard: receiptShard(receipt) })
            .where((a, { eq }) => eq(a.status, 'received'))
            .commit(),
          fails: 'refused',
        },
      ]
    : [];

/** A refund request as read (or a new one) becomes `next`. */
const refundItem = (tx: TxEntities, current: RefundRequest | null, next: RefundRequest): TxItem => ({
  label: 'refund',
  write: current
    ? tx.refundRequest
        .put(toRefundItem(next))
        .where((a, { eq }) => `${eq(a.status, current.status)} AND ${eq(a.updatedAt, current.updatedAt)}`)
        .commit()
    : tx.refundRequest.create(toRefundItem(next)).commit(),
  fails: 'refused',
});

export const paymentWrites = (
  service: EventlyService,
): Pick<PaymentStore, 'record' | 'updateOrder' | 'reserveRefund' | 'failRefund' | 'reviewAccepted'> => ({
  async record({ current, next, transaction, booking, refundedBooking, refund, receipt, notification }) {
    const { committed, failed } = await commitTransaction(service, (tx) => [
      orderItem(tx, current, next),
      {
        label: 'transaction',
        write: tx.paymentTransaction.create(toTransactionItem(transaction)).commit(),
        fails: 'refused',
      },
      ...paymentEvents(tx, next, transaction),
      ...(booking ? transitionItems(tx, booking) : []),
      ...(refundedBooking
        ? [
            {
              label: 'booking',
              write: tx.booking
                .patch(refundedBooking)
                .set({ paymentStatus: 'refunded', updatedAt: next.updatedAt })
                .where((a, { eq }) => `${eq(a.status, 'cancelled')} AND ${eq(a.paymentStatus, 'paid')}`)
                .commit(),
              fails: 'refused' as const,
            },
          ]
        : []),
      ...(refund ? [refundItem(tx, refund.current, refund.next)] : []),
      ...receiptApplied(tx, receipt, next.updatedAt),
      ...(notification
        ? [
            {
              label: 'notification',
              write: notificationRecord(tx, {
                orgId: current.orgId,
                sessionId: current.sessionId,
                key: notification.key,
                at: next.updatedAt,
                type: notification.type,
                recipientId: (notification.booking.attendeeId ?? notification.booking.partyId) as string,
                userId: notification.booking.userId,
                payload: notification.payload,
              }),
            },
          ]
        : []),
    ]);
    if (committed) return 'done';
    if (failed.has('transaction')) return 'known';
    return placesRefused(failed) ? 'full' : 'stale';
  },

  async updateOrder(current, next, receipt) {
    const { committed } = await commitTransaction(service, (tx) => [
      orderItem(tx, current, next),
      ...receiptApplied(tx, receipt, next.updatedAt),
    ]);
    return committed ? 'done' : 'stale';
  },

  async reviewAccepted(current, next, booking) {
    const { committed, failed } = await commitTransaction(service, (tx) => [
      orderItem(tx, current, next),
      ...transitionItems(tx, booking),
    ]);
    if (committed) return 'done';
    // Moved on since read (another decision, say): read again before telling why places failed.
    if (failed.has('order') || failed.has('booking')) return 'stale';
    if (failed.has('closed')) return 'closed';
    return placesRefused(failed) ? 'full' : 'stale';
  },

  async reserveRefund(current, next, request) {
    const { committed, failed } = await commitTransaction(service, (tx) => [
      orderItem(tx, current, next),
      refundItem(tx, null, request),
    ]);
    if (committed) return 'done';
    return failed.has('refund') ? 'exists' : 'stale';
  },

  async failRefund(current, next, request) {
    const failedRequest: RefundRequest = { ...request, status: 'failed', updatedAt: next.updatedAt };
    const { committed } = await commitTransaction(service, (tx) => [
      orderItem(tx, current, next),
      refundItem(tx, request, { ...failedRequest, failureReason: request.failureReason }),
    ]);
    return committed ? 'done' : 'stale';
  },
});
