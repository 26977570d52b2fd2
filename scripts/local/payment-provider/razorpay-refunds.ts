import type { ProviderContext } from './context.js';
import { razorpayEvent } from './events.js';
import { nowSeconds, razorpayId } from './ids.js';
import { findPayment } from './razorpay-orders.js';
import {
  badRequest,
  checkKnown,
  idNotFound,
  integerField,
  notesField,
  stringField,
} from './razorpay-params.js';
import { newestFirst, type Store } from './store.js';
import type { RazorpayRefund } from './types.js';

/** Refunds of captured payments: create, fetch, list a payment's refunds. */

export const refundPayment = (
  ctx: ProviderContext,
  paymentId: string,
  body: Record<string, unknown>,
): RazorpayRefund => {
  checkKnown(body, ['amount', 'speed', 'notes', 'receipt']);
  const payment = findPayment(ctx.store, paymentId);
  const amount = integerField(body, 'amount', false);
  const speed = body.speed ?? 'normal';
  if (speed !== 'normal' && speed !== 'optimum') throw badRequest('The selected speed is invalid.', 'speed');
  const notes = notesField(body);
  const receipt = stringField(body, 'receipt', 40);
  if (payment.status === 'refunded')
    throw badRequest('The payment has been fully refunded already', 'amount');
  if (payment.status !== 'captured')
    throw badRequest('Only payments which have been captured can be refunded', 'id');
  const remaining = payment.amount - payment.amount_refunded;
  if (amount !== null && amount < 100)
    throw badRequest(`The amount must be atleast ${payment.currency} 1.00`, 'amount');
  if (amount !== null && amount > remaining)
    throw badRequest('The refund amount provided is greater than amount captured', 'amount');
  const refund: RazorpayRefund = {
    id: razorpayId('rfnd'),
    entity: 'refund',
    amount: amount ?? remaining,
    currency: payment.currency,
    payment_id: payment.id,
    notes,
    receipt,
    acquirer_data: { arn: null },
    created_at: nowSeconds(),
    batch_id: null,
    status: 'processed',
    speed_processed: 'normal',
    speed_requested: speed,
  };
  ctx.store.razorpay.refunds.set(refund.id, refund);
  payment.amount_refunded += refund.amount;
  // A payment turns `refunded` only once all of it is refunded; partial refunds leave it captured.
  const full = payment.amount_refunded === payment.amount;
  payment.refund_status = full ? 'full' : 'partial';
  if (full) payment.status = 'refunded';
  ctx.publish([razorpayEvent('refund.processed', { refund, payment }, ctx.razorpayAccountId)]);
  return refund;
};

export const findRefund = (store: Store, id: string, paymentId?: string): RazorpayRefund => {
  const refund = store.razorpay.refunds.get(id);
  if (!refund || (paymentId !== undefined && refund.payment_id !== paymentId)) throw idNotFound();
  return refund;
};

export const refundsOfPayment = (store: Store, paymentId: string): RazorpayRefund[] => {
  findPayment(store, paymentId);
  return newestFirst(store.razorpay.refunds.values()).filter((r) => r.payment_id === paymentId);
};
