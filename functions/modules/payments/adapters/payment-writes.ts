import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { commitTransaction, type TxEntities, type TxItem } from '../../../kernel/dynamo/transactions.js';
import { transitionItems } from '../../bookings/index.js';
import type { PaymentOrder } from '../domain/model.js';
import type { PaymentStore } from '../domain/ports.js';
import type { WebhookReceipt } from '../domain/provider-events.js';
import { toOrderItem, toTransactionItem } from './payment-items.js';

type ReceiptKey = Pick<WebhookReceipt, 'provider' | 'eventId'>;

/** The order as read becomes `next`; refused when it changed meanwhile. */
const orderItem = (tx: TxEntities, current: PaymentOrder, next: PaymentOrder): TxItem => ({
  label: 'order',
  write: tx.paymentOrder
    .put(toOrderItem(next))
    .where((a, { eq }) => `${eq(a.status, current.status)} AND ${eq(a.updatedAt, current.updatedAt)}`)
    .commit(),
  fails: 'refused',
});

/** The receipt that caused the change is applied with it, once. */
const receiptApplied = (tx: TxEntities, receipt: ReceiptKey, at: string): TxItem => ({
  label: 'receipt',
  write: tx.webhookReceipt
    .patch({ provider: receipt.provider, eventId: receipt.eventId })
    .set({ status: 'applied', updatedAt: at })
    .where((a, { eq }) => eq(a.status, 'received'))
    .commit(),
  fails: 'refused',
});

export const paymentWrites = (
  service: EventlyService,
): Pick<PaymentStore, 'recordPayment' | 'updateOrder'> => ({
  async recordPayment({ current, next, transaction, booking, receipt }) {
    const { committed, failed } = await commitTransaction(service, (tx) => [
      orderItem(tx, current, next),
      {
        label: 'transaction',
        write: tx.paymentTransaction.create(toTransactionItem(transaction)).commit(),
        fails: 'refused',
      },
      ...(booking ? transitionItems(tx, booking) : []),
      receiptApplied(tx, receipt, next.updatedAt),
    ]);
    if (committed) return 'done';
    return failed.has('transaction') ? 'known' : 'stale';
  },

  async updateOrder(current, next, receipt) {
    const { committed } = await commitTransaction(service, (tx) => [
      orderItem(tx, current, next),
      receiptApplied(tx, receipt, next.updatedAt),
    ]);
    return committed ? 'done' : 'stale';
  },
});
