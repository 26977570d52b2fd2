import { queryPage } from '../../../kernel/dynamo/pagination.js';
import { retryTransient } from '../../../kernel/dynamo/retry.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { earliestDue } from '../../../kernel/dynamo/shards.js';
import { isConditionFailure } from '../../../kernel/dynamo/transactions.js';
import type { OrderRef, PaymentOrder } from '../domain/model.js';
import type { PaymentStore } from '../domain/ports.js';
import { allPendingShards, toOrder, toOrderItem, toRefund } from './payment-items.js';
import { paymentWrites } from './payment-writes.js';

/** Payment orders and their transactions, in the session's partition beside the bookings. */
export const dynamoPaymentStore = (service: EventlyService): PaymentStore => {
  const { paymentOrder, paymentTransaction, refundRequest } = service.entities;

  const getOrder = async (ref: OrderRef) => {
    const { data } = await paymentOrder.get(ref).go({ consistent: true });
    return data ? toOrder(data) : undefined;
  };

  /** After a refused conditional write: the order as it is now (it must exist). */
  const stored = async (ref: OrderRef, err: unknown): Promise<PaymentOrder> => {
    const now = await getOrder(ref);
    if (!now) throw err;
    return now;
  };

  return {
    getOrder,

    async listBySession(orgId, sessionId) {
      const { data } = await paymentOrder.query.byBooking({ orgId, sessionId }).go({ pages: 'all' });
      return data.map(toOrder);
    },

    async createOrder(order) {
      try {
        await retryTransient(() => paymentOrder.create(toOrderItem(order)).go());
        return order;
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
        return stored(order, err);
      }
    },

    async setProviderOrder(order, providerOrderId, at) {
      try {
        await retryTransient(() =>
          paymentOrder
            .patch(order)
            .set({ providerOrderId, updatedAt: at })
            .where((a, { notExists }) => notExists(a.providerOrderId))
            .go(),
        );
        return { ...order, providerOrderId, updatedAt: at };
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
        return stored(order, err);
      }
    },

    async transactions(ref) {
      const { data } = await paymentTransaction.query
        .byOrder({ orgId: ref.orgId, sessionId: ref.sessionId })
        .begins({ bookingId: ref.bookingId })
        .go({ pages: 'all', consistent: true });
      return data.map((t) => ({ ...t }));
    },

    async getRefund(ref, requestId) {
      const { data } = await refundRequest.get({ ...ref, requestId }).go({ consistent: true });
      return data ? toRefund(data) : undefined;
    },

    listForReview: (orgId, page) =>
      queryPage(
        `${orgId}#payment-orders#review`,
        page,
        (opts) => paymentOrder.query.byReview({ listedReview: orgId }).go({ ...opts, order: 'desc' }),
        toOrder,
      ),

    async claimRefund(request, until, now) {
      try {
        await retryTransient(() =>
          refundRequest
            .patch(request)
            .set({ askingUntil: until })
            .where(
              (a, { eq, notExists, lt }) =>
                `${eq(a.status, 'requested')} AND (${notExists(a.askingUntil)} OR ${lt(a.askingUntil, now)})`,
            )
            .go(),
        );
        return true;
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
    },

    async listDue(before, limit) {
      const due = await earliestDue(
        allPendingShards(),
        async (pendingShard, upTo) =>
          (
            await paymentOrder.query
              .byPendingDue({ pendingShard })
              .lte({ pendingDue: upTo })
              .go({ limit, attributes: ['orgId', 'sessionId', 'bookingId', 'pendingDue'] })
          ).data,
        (d) => d.pendingDue,
        before,
        limit,
      );
      return due.map(({ orgId, sessionId, bookingId }) => ({ orgId, sessionId, bookingId }));
    },

    ...paymentWrites(service),
  };
};
