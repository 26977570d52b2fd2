import { createHash } from 'node:crypto';
import type { CreateEntityItem, EntityItem } from 'electrodb';
import { unlisted } from '../../../kernel/dynamo/entity-base.js';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import type { PaymentOrder, PaymentTransaction, RefundRequest } from '../domain/model.js';
import type { EventEffect, WebhookReceipt } from '../domain/provider-events.js';
import { type paymentOrderEntity, pendingShards } from './entities/payment-order.js';
import type { paymentTransactionEntity } from './entities/payment-transaction.js';
import type { refundRequestEntity } from './entities/refund-request.js';
import type { webhookReceiptEntity } from './entities/webhook-receipt.js';
import { quoteFromStored } from './stored-quote.js';

export type OrderItem = EntityItem<typeof paymentOrderEntity>;
type ReceiptItem = EntityItem<typeof webhookReceiptEntity>;

/** Stable per id, so an order's (or a receipt's) due entry always lands in the same shard. */
const shardOf = (id: string): string =>
  String(createHash('sha1').update(id).digest().readUInt16BE(0) % pendingShards);

/** The shard of a receipt's entry in the unsettled index: patches that move it name it. */
export const receiptShard = (r: Pick<WebhookReceipt, 'provider' | 'eventId'>): string =>
  shardOf(`${r.provider}#${r.eventId}`);

export const allPendingShards = (): string[] => Array.from({ length: pendingShards }, (_, i) => String(i));

/**
 * When the reconciler should look at the order. Failed attempts may still be paid: it asks about
 * both once the hold is over. A refund owed is made from the time it was owed.
 */
const dueOf = (o: PaymentOrder): string => {
  if (o.status === 'pending' || o.status === 'failed') return o.expiresAt;
  return o.refundOwedSince ?? unlisted;
};

export const toOrderItem = (o: PaymentOrder): CreateEntityItem<typeof paymentOrderEntity> => ({
  ...toStored(o),
  quote: JSON.stringify(o.quote),
  pendingShard: shardOf(o.orderId),
  listedReview: o.review ? o.orgId : unlisted,
  pendingDue: dueOf(o),
});

const orderFields = fromStored<Omit<PaymentOrder, 'quote'>, Omit<OrderItem, 'quote'>>({
  nullable: { providerOrderId: true, failureReason: true, review: true, refundOwedSince: true },
  itemOnly: { pendingShard: true, pendingDue: true, listedReview: true },
});

export const toOrder = ({ quote, ...rest }: OrderItem): PaymentOrder => ({
  ...orderFields(rest),
  quote: quoteFromStored(quote),
});

export const toTransactionItem = (t: PaymentTransaction): CreateEntityItem<typeof paymentTransactionEntity> =>
  t;

export const toReceiptItem = (r: WebhookReceipt): CreateEntityItem<typeof webhookReceiptEntity> => ({
  ...toStored(r),
  effect: JSON.stringify(r.effect),
  listedFailed: r.status === 'failed' && r.orgId ? r.orgId : unlisted,
  unsettledShard: receiptShard(r),
  unsettledSince: r.status === 'received' ? r.updatedAt : unlisted,
});

const receiptFields = fromStored<Omit<WebhookReceipt, 'effect'>, Omit<ReceiptItem, 'effect'>>({
  nullable: { error: true, orgId: true },
  itemOnly: { listedFailed: true, unsettledShard: true, unsettledSince: true },
});

export const toReceipt = ({ effect, ...rest }: ReceiptItem): WebhookReceipt => ({
  ...receiptFields(rest),
  effect: JSON.parse(effect) as EventEffect,
});

export const toRefundItem = (r: RefundRequest): CreateEntityItem<typeof refundRequestEntity> => toStored(r);

export const toRefund = fromStored<RefundRequest, EntityItem<typeof refundRequestEntity>>({
  nullable: { providerRefundId: true, failureReason: true },
  itemOnly: { askingUntil: true },
});
