import { queryPage } from '../../../kernel/dynamo/pagination.js';
import { retryTransient } from '../../../kernel/dynamo/retry.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { earliestDue } from '../../../kernel/dynamo/shards.js';
import { isConditionFailure } from '../../../kernel/dynamo/transactions.js';
import type { ReceiptStore } from '../domain/ports.js';
import { allPendingShards, receiptShard, toReceipt, toReceiptItem } from './payment-items.js';

// Single writes are sent again after a conflict: a transaction applying the receipt may hold it.
export const dynamoReceiptStore = (service: EventlyService): ReceiptStore => {
  const { webhookReceipt } = service.entities;

  const get: ReceiptStore['get'] = async (provider, eventId) => {
    const { data } = await webhookReceipt.get({ provider, eventId }).go({ consistent: true });
    return data ? toReceipt(data) : undefined;
  };

  return {
    get,

    async record(receipt) {
      try {
        await retryTransient(() => webhookReceipt.create(toReceiptItem(receipt)).go());
        return { receipt, created: true };
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
        const stored = await get(receipt.provider, receipt.eventId);
        if (!stored) throw err;
        return { receipt: stored, created: false };
      }
    },

    async settle(receipt, status, error, at) {
      const next = { ...receipt, status, error, updatedAt: at };
      await retryTransient(() => webhookReceipt.put(toReceiptItem(next)).go());
    },

    listFailed: (orgId, page) =>
      queryPage(
        `${orgId}#payment-receipts#failed`,
        page,
        (opts) => webhookReceipt.query.byFailed({ listedFailed: orgId }).go({ ...opts, order: 'desc' }),
        toReceipt,
      ),

    async listUnsettled(before, limit) {
      const due = await earliestDue(
        allPendingShards(),
        async (unsettledShard, upTo) =>
          (
            await webhookReceipt.query
              .byUnsettled({ unsettledShard })
              .lte({ unsettledSince: upTo })
              .go({ limit, attributes: ['provider', 'eventId', 'unsettledSince'] })
          ).data,
        (r) => r.unsettledSince,
        before,
        limit,
      );
      return due.map(({ provider, eventId }) => ({ provider, eventId }));
    },

    async markHandedAgain(receipt, at) {
      try {
        await retryTransient(() =>
          webhookReceipt
            .patch({ provider: receipt.provider, eventId: receipt.eventId })
            .set({ handoffs: receipt.handoffs + 1, updatedAt: at, unsettledSince: at })
            .composite({ unsettledShard: receiptShard(receipt) })
            .where((a, { eq }) => `${eq(a.status, 'received')} AND ${eq(a.updatedAt, receipt.updatedAt)}`)
            .go(),
        );
        return true;
      } catch (err) {
        if (isConditionFailure(err)) return false;
        throw err;
      }
    },
  };
};
