import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound, validationFailed } from '../../../kernel/domain/errors.js';
import { refundedStep } from '../../bookings/index.js';
import type { OrderRef, PaymentOrder, RefundRequest } from './model.js';
import { givenBack, NotYet, refundable, transactionOf } from './money.js';
import type { WebhookReceipt } from './provider-events.js';

export type RefundDeps = Pick<Deps, 'bookings' | 'clock' | 'paymentProviders' | 'payments' | 'receipts'>;

export interface RefundAsk {
  requestId: string;
  /** `rest`: everything still refundable. */
  amount: number | 'rest';
  reason: string;
  by: string;
}

const orderOf = async (deps: Pick<Deps, 'payments'>, ref: OrderRef): Promise<PaymentOrder> => {
  const order = await deps.payments.getOrder(ref);
  if (!order) throw notFound('payment order');
  return order;
};

/** Stores the request and reserves its amount, or finds the request made before with this id. */
const reserve = async (deps: RefundDeps, ref: OrderRef, ask: RefundAsk): Promise<RefundRequest> => {
  for (;;) {
    const existing = await deps.payments.getRefund(ref, ask.requestId);
    if (existing) return existing;
    const order = await orderOf(deps, ref);
    const left = refundable(order);
    const amount = ask.amount === 'rest' ? left : ask.amount;
    if (left <= 0 || amount > left) {
      // A concurrent call with the same id may have reserved it since the read above.
      const made = await deps.payments.getRefund(ref, ask.requestId);
      if (made) return made;
      if (left <= 0) throw new DomainError('NOTHING_TO_REFUND', 'nothing of this order is left to refund');
      throw validationFailed([{ field: 'amountMinor', message: `at most ${left} can be refunded` }]);
    }
    const at = deps.clock.now().toISOString();
    const request: RefundRequest = {
      ...ref,
      orderId: order.orderId,
      requestId: ask.requestId,
      amount,
      reason: ask.reason,
      status: 'requested',
      providerRefundId: null,
      failureReason: null,
      requestedBy: ask.by,
      createdAt: at,
      updatedAt: at,
    };
    const next = { ...order, refundPending: order.refundPending + amount, updatedAt: at };
    if ((await deps.payments.reserveRefund(order, next, request)) === 'done') return request;
  }
};

/** The provider refused: the request fails and its amount is refundable again (once). */
const release = async (deps: RefundDeps, ref: OrderRef, requestId: string, why: string): Promise<void> => {
  for (;;) {
    const request = await deps.payments.getRefund(ref, requestId);
    // Already failed, or completed, by another caller.
    if (request?.status !== 'requested') return;
    const order = await orderOf(deps, ref);
    const at = deps.clock.now().toISOString();
    const next = { ...order, refundPending: order.refundPending - request.amount, updatedAt: at };
    if ((await deps.payments.failRefund(order, next, { ...request, failureReason: why })) === 'done') return;
  }
};

/** A request asked again answers as the first time: its refund, or the provider's refusal. */
const answered = (request: RefundRequest): RefundRequest => {
  if (request.status !== 'failed') return request;
  throw new DomainError('REFUND_REFUSED', request.failureReason ?? 'the provider refused this refund', {
    requestId: request.requestId,
  });
};

/** How long one caller may take to ask the provider before another may ask again. */
const askLeaseMs = 60_000;

/**
 * Only one caller asks the provider for a request at a time (Razorpay takes no idempotency key);
 * the others wait a little for its outcome. Undefined: this caller holds the claim.
 */
const claimOrWait = async (deps: RefundDeps, ref: OrderRef, request: RefundRequest) => {
  const now = deps.clock.now();
  const until = new Date(now.getTime() + askLeaseMs).toISOString();
  if (await deps.payments.claimRefund(request, until, now.toISOString())) return undefined;
  for (let i = 0; i < 25; i++) {
    await new Promise((r) => setTimeout(r, 200));
    const seen = await deps.payments.getRefund(ref, request.requestId);
    if (seen && seen.status !== 'requested') return seen;
  }
  throw new DomainError(
    'TEMPORARILY_UNAVAILABLE',
    'this refund is being made; ask again with the same requestId',
  );
};

/**
 * Records a refund the provider made, once (its id keys the transaction), whoever learns of it
 * first: the request that asked for it or the provider's webhook. A full refund of a confirmed
 * booking cancels it, releasing its places to the waitlist; a refund before its payment waits.
 */
export const completeRefund = async (
  deps: RefundDeps,
  ref: OrderRef,
  refund: { providerRefundId: string; amount: number; requestId: string | null },
  receipt: Pick<WebhookReceipt, 'provider' | 'eventId'> | null,
): Promise<RefundRequest | null> => {
  for (;;) {
    const order = await orderOf(deps, ref);
    const request = refund.requestId
      ? ((await deps.payments.getRefund(ref, refund.requestId)) ?? null)
      : null;
    if (order.paidAmount === 0) throw new NotYet('a refund before its payment: applied once the payment is');
    const now = deps.clock.now();
    const at = now.toISOString();
    const booking = (await deps.bookings.get(ref)) ?? null;
    const back = givenBack(order, booking, refund.amount, at);
    const next: PaymentOrder = {
      ...back.next,
      refundPending: order.refundPending - (request?.status === 'requested' ? request.amount : 0),
    };
    const details = { amount: refund.amount, currency: order.quote.currency };
    const step = back.cancels && booking ? refundedStep(booking, now, 'payments', details) : null;
    const outcome = await deps.payments.record({
      current: order,
      next,
      transaction: transactionOf(order, 'refund', refund.providerRefundId, refund.amount, at),
      booking: step,
      refundedBooking: back.refundedBooking,
      refund: request
        ? {
            current: request,
            next: {
              ...request,
              status: 'succeeded',
              providerRefundId: refund.providerRefundId,
              updatedAt: at,
            },
          }
        : null,
      receipt,
      notification:
        !step && booking
          ? {
              key: `${order.orderId}#refund#${refund.providerRefundId}`,
              type: 'payment.refunded',
              booking,
              payload: details,
            }
          : null,
    });
    if (outcome === 'done') {
      return request ? { ...request, status: 'succeeded', providerRefundId: refund.providerRefundId } : null;
    }
    if (outcome === 'known') {
      if (receipt) {
        const stored = await deps.receipts.get(receipt.provider, receipt.eventId);
        if (stored?.status === 'received') await deps.receipts.settle(stored, 'applied', null, at);
      }
      return (refund.requestId ? await deps.payments.getRefund(ref, refund.requestId) : null) ?? null;
    }
  }
};

/**
 * Refunds (part of) an order through its provider: the request is stored and its amount reserved
 * first (refunds never exceed payments), the provider is asked with the request id as its
 * idempotency key, then the refund is recorded. Asking again with the same id refunds once.
 */
export const refundOrder = async (
  deps: RefundDeps,
  ref: OrderRef,
  ask: RefundAsk,
): Promise<RefundRequest> => {
  const request = await reserve(deps, ref, ask);
  if (request.status !== 'requested') return answered(request);
  const settled = await claimOrWait(deps, ref, request);
  if (settled) return answered(settled);
  const order = await orderOf(deps, ref);
  const payment = (await deps.payments.transactions(ref)).find((t) => t.kind === 'payment');
  if (!payment) throw new DomainError('NOTHING_TO_REFUND', 'no payment of this order is recorded');
  const provider = await deps.paymentProviders.get(order.provider);
  let made: { providerRefundId: string; amount: number };
  try {
    made = await provider.refund({
      order,
      paymentId: payment.providerTransactionId,
      requestId: request.requestId,
      amount: request.amount,
    });
  } catch (err) {
    if (err instanceof DomainError && err.code === 'REFUND_REFUSED')
      await release(deps, ref, request.requestId, err.message);
    throw err;
  }
  await completeRefund(deps, ref, { ...made, requestId: request.requestId }, null);
  return (await deps.payments.getRefund(ref, request.requestId)) ?? request;
};
