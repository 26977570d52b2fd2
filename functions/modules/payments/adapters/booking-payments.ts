import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { commitTransaction } from '../../../kernel/dynamo/transactions.js';
import { type BookingPayments, transitionItems } from '../../bookings/index.js';
import { refundable } from '../domain/money.js';
import { toOrder } from './payment-items.js';
import { orderItem } from './payment-writes.js';

/** The bookings module's view of a booking's payment, read from its order. */
export const dynamoBookingPayments = (service: EventlyService): BookingPayments => {
  const getOrder = async (ref: { orgId: string; sessionId: string; bookingId: string }) => {
    const { data } = await service.entities.paymentOrder.get(ref).go();
    return data ? toOrder(data) : null;
  };
  return {
    async of(ref) {
      const order = await getOrder(ref);
      if (!order) return null;
      const { orderId, provider, status, quote, paidAmount, refundedAmount } = order;
      const { currency, subtotal, tax, fee, total } = quote;
      return { orderId, provider, status, currency, subtotal, tax, fee, total, paidAmount, refundedAmount };
    },

    async cancelOwingRefund(change) {
      const order = await getOrder(change.current);
      // Refunds already asked for count as given back: what they leave is what is owed.
      const owes = order !== null && refundable(order) > 0 && order.refundOwedSince === null;
      const { committed } = await commitTransaction(service, (tx) => [
        ...transitionItems(tx, change),
        ...(owes
          ? [
              orderItem(tx, order, {
                ...order,
                refundOwedSince: change.next.updatedAt,
                updatedAt: change.next.updatedAt,
              }),
            ]
          : []),
      ]);
      return committed ? 'done' : 'stale';
    },
  };
};
