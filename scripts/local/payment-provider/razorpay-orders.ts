import type { ProviderContext } from './context.js';
import { razorpayEvent } from './events.js';
import { checkoutConflict } from './http-io.js';
import { nowSeconds, razorpayId } from './ids.js';
import {
  badRequest,
  checkKnown,
  idNotFound,
  integerField,
  notesField,
  stringField,
} from './razorpay-params.js';
import { newestFirst, type Store } from './store.js';
import type { ModeOverrides, Outcome, RazorpayOrder, RazorpayPayment } from './types.js';

/** Orders and their payments: create and fetch orders, and the customer's payment at checkout. */

// Accepted; partial payments are not modelled, so an order is paid in full or not at all.
const ORDER_FIELDS = [
  'amount',
  'currency',
  'receipt',
  'notes',
  'partial_payment',
  'payment_capture',
] as const;

export const createOrder = (store: Store, body: Record<string, unknown>): RazorpayOrder => {
  checkKnown(body, ORDER_FIELDS);
  const amount = integerField(body, 'amount', true) ?? 0;
  const currency = body.currency ?? 'INR';
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency))
    throw badRequest('The currency provided is not supported.', 'currency');
  if (amount < 100) throw badRequest(`The amount must be atleast ${currency} 1.00`, 'amount');
  const order: RazorpayOrder = {
    id: razorpayId('order'),
    entity: 'order',
    amount,
    amount_paid: 0,
    amount_due: amount,
    currency,
    receipt: stringField(body, 'receipt', 40),
    offer_id: null,
    status: 'created',
    attempts: 0,
    notes: notesField(body),
    created_at: nowSeconds(),
  };
  store.razorpay.orders.set(order.id, order);
  return order;
};

export const findOrder = (store: Store, id: string): RazorpayOrder => {
  const order = store.razorpay.orders.get(id);
  if (!order) throw idNotFound();
  return order;
};

export const findPayment = (store: Store, id: string): RazorpayPayment => {
  const payment = store.razorpay.payments.get(id);
  if (!payment) throw idNotFound();
  return payment;
};

/** `GET /v1/orders`: newest first, filtered by `receipt` and the `from`/`to` creation window (unix seconds). */
export const listOrders = (store: Store, query: URLSearchParams): RazorpayOrder[] => {
  const receipt = query.get('receipt');
  const from = Number(query.get('from') ?? 0);
  const to = Number(query.get('to') ?? Number.POSITIVE_INFINITY);
  if (Number.isNaN(from) || Number.isNaN(to))
    throw badRequest('from and to must be unix timestamps.', 'from');
  return newestFirst(store.razorpay.orders.values()).filter(
    (o) => (receipt === null || o.receipt === receipt) && o.created_at >= from && o.created_at <= to,
  );
};

export const paymentsOfOrder = (store: Store, orderId: string): RazorpayPayment[] => {
  findOrder(store, orderId);
  return newestFirst(store.razorpay.payments.values()).filter((p) => p.order_id === orderId);
};

const newPayment = (order: RazorpayOrder, outcome: Outcome): RazorpayPayment => {
  const captured = outcome === 'succeed';
  // Razorpay's standard domestic card fee is 2%, with 18% GST on the fee.
  const fee = captured ? Math.round(order.amount * 0.02) : null;
  return {
    id: razorpayId('pay'),
    entity: 'payment',
    amount: order.amount,
    currency: order.currency,
    status: captured ? 'captured' : 'failed',
    order_id: order.id,
    invoice_id: null,
    international: false,
    method: 'card',
    amount_refunded: 0,
    refund_status: null,
    captured,
    description: null,
    email: 'void@razorpay.com',
    contact: '+919999999999',
    // Razorpay copies the order's notes onto its payments.
    notes: structuredClone(order.notes),
    fee,
    tax: fee === null ? null : Math.round(fee * 0.18),
    error_code: captured ? null : 'BAD_REQUEST_ERROR',
    error_description: captured ? null : 'Payment failed',
    error_source: captured ? null : 'customer',
    error_step: captured ? null : 'payment_authentication',
    error_reason: captured ? null : 'payment_failed',
    created_at: nowSeconds(),
  };
};

/** The customer pays (or fails to) at checkout: every attempt is a payment of its own, as on Razorpay. */
export const payOrder = (
  ctx: ProviderContext,
  orderId: string,
  outcome: Outcome,
  overrides: ModeOverrides,
): { order: RazorpayOrder; payment: RazorpayPayment; eventIds: string[] } => {
  const order = findOrder(ctx.store, orderId);
  if (order.status === 'paid') throw checkoutConflict(`Order ${orderId} has already been paid`);
  const payment = newPayment(order, outcome);
  ctx.store.razorpay.payments.set(payment.id, payment);
  order.attempts += 1;
  const account = ctx.razorpayAccountId;
  if (outcome === 'succeed') {
    order.status = 'paid';
    order.amount_paid = order.amount;
    order.amount_due = 0;
  } else {
    order.status = 'attempted';
  }
  const events =
    outcome === 'succeed'
      ? [
          razorpayEvent('payment.captured', { payment }, account),
          razorpayEvent('order.paid', { payment, order }, account),
        ]
      : [razorpayEvent('payment.failed', { payment }, account)];
  ctx.publish(events, overrides);
  return { order, payment, eventIds: events.map((e) => e.id) };
};
