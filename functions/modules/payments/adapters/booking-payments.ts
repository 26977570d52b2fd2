import type { EventlyService } from '../../../kernel/dynamo/service.js';
import type { BookingPayments } from '../../bookings/index.js';
import { toOrder } from './payment-items.js';

/** The bookings module's view of a booking's payment, read from its order. */
export const dynamoBookingPayments = (service: EventlyService): BookingPayments => ({
  async of(ref) {
    const { data } = await service.entities.paymentOrder.get(ref).go();
    if (!data) return null;
    const { orderId, provider, status, quote, paidAmount, refundedAmount } = toOrder(data);
    const { currency, subtotal, tax, fee, total } = quote;
    return { orderId, provider, status, currency, subtotal, tax, fee, total, paidAmount, refundedAmount };
  },
});
