import type { TxEntities, TxItem } from '../../../kernel/dynamo/transactions.js';
import { domainEventId, domainEventRecord } from '../../notifications/index.js';
import type { PaymentOrder, PaymentTransaction } from '../domain/model.js';

/**
 * The public domain events of money (docs/events/), written in the transaction that records it:
 * `payment.received` for a payment, `payment.refunded` for a refund or a chargeback. The event's
 * id is the provider's transaction id, which the transaction item is unique on: a payment
 * recorded twice is refused, and so publishes once.
 */
export const paymentEvents = (tx: TxEntities, order: PaymentOrder, t: PaymentTransaction): TxItem[] => {
  const common = {
    orgId: order.orgId,
    occurredAt: order.updatedAt,
    version: 1,
    subject: { type: 'payment', id: order.orderId },
  };
  const ids = {
    orderId: order.orderId,
    bookingId: order.bookingId,
    eventId: order.eventId,
    sessionId: order.sessionId,
    provider: t.provider,
    amount: t.amount,
    currency: t.currency,
  };
  const key = `${t.provider}#${t.providerTransactionId}`;
  const record =
    t.kind === 'payment'
      ? domainEventRecord(tx, {
          sessionId: order.sessionId,
          event: {
            ...common,
            id: domainEventId('payment.received', key),
            type: 'payment.received',
            data: { ...ids, paidTotal: order.paidAmount },
          },
        })
      : domainEventRecord(tx, {
          sessionId: order.sessionId,
          event: {
            ...common,
            id: domainEventId('payment.refunded', `${t.kind}#${key}`),
            type: 'payment.refunded',
            data: { ...ids, kind: t.kind, refundedTotal: order.refundedAmount },
          },
        });
  return [{ label: 'event', write: record }];
};
