import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError } from '../../../kernel/domain/errors.js';
import {
  type Booking,
  type BookingTransition,
  committed,
  confirmStep,
  reviveStep,
} from '../../bookings/index.js';
import { type FastPathDeps, relayAfterCommit } from '../../notifications/index.js';
import { type PaymentOrder, providerActor } from './model.js';
import { NotYet, refundable, transactionOf } from './money.js';
import type { EventEffect, WebhookReceipt } from './provider-events.js';
import { completeRefund, refundOrder } from './refund-flow.js';

export type ApplyDeps = Pick<
  Deps,
  'bookings' | 'events' | 'holdScheduler' | 'paymentProviders' | 'payments' | 'receipts'
> &
  FastPathDeps;

/** Why a receipt cannot be applied: kept on the receipt for staff, not retried by the queue. */
export class NotApplicable extends Error {}

type Payment = Extract<EventEffect, { kind: 'payment_succeeded' }>;
type Failure = Extract<EventEffect, { kind: 'payment_failed' }>;
type Refund = Extract<EventEffect, { kind: 'refund_succeeded' }>;

const orderFor = async (
  deps: Pick<Deps, 'payments'>,
  effect: Pick<Payment, 'order'>,
): Promise<PaymentOrder> => {
  const order = await deps.payments.getOrder(effect.order);
  if (!order) throw new NotApplicable('no payment order for this booking');
  return order;
};

/**
 * What the money does to the booking: confirm it while its hold runs; a confirmed booking stays;
 * otherwise the money came late and the event's policy decides.
 */
type Plan =
  | { kind: 'confirm'; step: BookingTransition | null }
  | { kind: 'late'; policy: 'accept_if_available' | 'refund' | 'review'; step: BookingTransition | null };

const planFor = async (deps: ApplyDeps, order: PaymentOrder, booking: Booking, now: Date): Promise<Plan> => {
  if (booking.status === 'confirmed') return { kind: 'confirm', step: null };
  if (booking.status === 'held') {
    try {
      return { kind: 'confirm', step: confirmStep(booking, now, providerActor(order.provider), 'paid') };
    } catch (err) {
      // Past its deadline but not yet released: once the hold is expired, the late policy applies.
      if (err instanceof DomainError && err.code === 'HOLD_EXPIRED') throw new NotYet('the hold is lapsing');
      throw err;
    }
  }
  const event = await deps.events.get(order.orgId, order.eventId);
  const policy = event?.settings.latePayment ?? 'refund';
  const revive = policy === 'accept_if_available' && booking.status === 'expired';
  return {
    kind: 'late',
    policy,
    step: revive ? reviveStep(booking, now, providerActor(order.provider)) : null,
  };
};

/**
 * Money arrived: the order becomes paid, the payment is recorded once (by the provider's id) and the
 * booking is confirmed, in one transaction. Money that came after the hold lapsed follows the
 * event's policy: the booking is confirmed again if its places are still free
 * (`accept_if_available`, else refunded), refunded (`refund`), or left for staff (`review`).
 */
export const applyPayment = async (
  deps: ApplyDeps,
  receipt: WebhookReceipt | null,
  effect: Omit<Payment, 'kind'>,
): Promise<void> => {
  let revive = true;
  for (;;) {
    const order = await orderFor(deps, effect);
    if (effect.currency.toUpperCase() !== order.quote.currency || effect.amount !== order.quote.total) {
      throw new NotApplicable(
        `paid ${effect.amount} ${effect.currency}, the order is for ${order.quote.total} ${order.quote.currency}`,
      );
    }
    const booking = await deps.bookings.get(order);
    if (!booking) throw new NotApplicable('the booking of this order is gone');
    const now = deps.clock.now();
    const at = now.toISOString();
    const plan = await planFor(deps, order, booking, now);
    const step = plan.kind === 'late' && !revive ? null : plan.step;
    const paidNow = order.status === 'pending' || order.status === 'failed' || order.status === 'expired';
    const next: PaymentOrder = {
      ...order,
      status: paidNow ? 'paid' : order.status,
      paidAmount: order.paidAmount + effect.amount,
      failureReason: null,
      review: plan.kind === 'late' && plan.policy === 'review' ? 'late_payment' : order.review,
      updatedAt: at,
    };
    const transaction = transactionOf(order, 'payment', effect.providerTransactionId, effect.amount, at);
    // Late money to refund: the receipt is marked applied only once the refund is done, so a
    // redelivery after a failed refund asks again (the refund's request id makes that safe).
    const refundLate = plan.kind === 'late' && plan.policy !== 'review';
    const outcome = await deps.payments.record({
      current: order,
      next,
      transaction,
      booking: step,
      refundedBooking: null,
      refund: null,
      receipt: refundLate ? null : receipt,
      notification: null,
    });
    if (outcome === 'full') {
      // The places went to others meanwhile: record the money without the booking, then refund it.
      revive = false;
      continue;
    }
    if (outcome === 'stale') continue;
    if (outcome === 'done' && step) {
      await relayAfterCommit(deps, committed(step.next));
      await deps.holdScheduler.cancelExpiry(order);
    }
    // Recorded now without confirming the booking, or recorded before (a redelivery): refund.
    if (refundLate && (outcome === 'known' || !step)) await refundLatePayment(deps, order);
    if (receipt && (outcome === 'known' || refundLate))
      await deps.receipts.settle(receipt, 'applied', null, at);
    return;
  }
};

/** Gives back money that came too late; asked again after a failure, it refunds once. */
const refundLatePayment = async (deps: ApplyDeps, order: PaymentOrder): Promise<void> => {
  const requestId = `late-${order.orderId}`;
  const current = await deps.payments.getOrder(order);
  const asked = await deps.payments.getRefund(order, requestId);
  // Refunded meanwhile by other means (staff): nothing is left to give back.
  if (!asked && (!current || refundable(current) <= 0)) return;
  await refundOrder(deps, order, {
    requestId,
    amount: 'rest',
    reason: 'paid after the hold lapsed',
    by: providerActor(order.provider),
  });
};

/** A refused attempt: a pending order records why; a paid order ignores it (failure after success). */
const applyFailure = async (deps: ApplyDeps, receipt: WebhookReceipt, effect: Failure): Promise<void> => {
  for (;;) {
    const order = await orderFor(deps, effect);
    const at = deps.clock.now().toISOString();
    if (order.status !== 'pending' && order.status !== 'failed') {
      return deps.receipts.settle(receipt, 'applied', null, at);
    }
    const next: PaymentOrder = { ...order, status: 'failed', failureReason: effect.reason, updatedAt: at };
    if ((await deps.payments.updateOrder(order, next, receipt)) === 'done') return;
  }
};

const applyRefund = async (deps: ApplyDeps, receipt: WebhookReceipt, effect: Refund): Promise<void> => {
  await orderFor(deps, effect);
  await completeRefund(
    deps,
    effect.order,
    { providerRefundId: effect.providerTransactionId, amount: effect.amount, requestId: effect.requestId },
    receipt,
  );
};

/**
 * Applies one stored receipt, exactly once whatever the order of arrival: each effect is a guarded
 * transition from the state it reads. A receipt that cannot apply is marked `failed` with the
 * reason (staff list and retry it); a receipt that must wait (a refund before its payment) and any
 * unexpected error propagate, so the queue redelivers it later.
 */
export const applyReceipt = async (
  deps: ApplyDeps,
  key: Pick<WebhookReceipt, 'provider' | 'eventId'>,
): Promise<WebhookReceipt['status'] | 'missing'> => {
  const receipt = await deps.receipts.get(key.provider, key.eventId);
  if (!receipt) return 'missing';
  if (receipt.status !== 'received') return receipt.status;
  const { effect } = receipt;
  try {
    if (effect.kind === 'payment_succeeded') await applyPayment(deps, receipt, effect);
    else if (effect.kind === 'payment_failed') await applyFailure(deps, receipt, effect);
    else if (effect.kind === 'refund_succeeded') await applyRefund(deps, receipt, effect);
    return 'applied';
  } catch (err) {
    if (!(err instanceof NotApplicable)) throw err;
    await deps.receipts.settle(receipt, 'failed', err.message, deps.clock.now().toISOString());
    return 'failed';
  }
};
