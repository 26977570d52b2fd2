import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError } from '../../../kernel/domain/errors.js';
import {
  type Booking,
  type BookingTransition,
  confirmStep,
  refundedStep,
  reviveStep,
} from '../../bookings/index.js';
import {
  type PaymentOrder,
  type PaymentTransaction,
  type ProviderName,
  providerActor,
  type TransactionKind,
} from './model.js';
import { givenBack, NotYet, refundable, transactionOf } from './money.js';
import type { EventEffect, WebhookReceipt } from './provider-events.js';
import { completeRefund, refundOrder } from './refund-flow.js';

export type ApplyDeps = Pick<
  Deps,
  'bookings' | 'clock' | 'events' | 'holdScheduler' | 'paymentProviders' | 'payments' | 'receipts'
>;

/** Why a receipt cannot be applied: kept on the receipt for staff, not retried by the queue. */
export class NotApplicable extends Error {}

type Payment = Extract<EventEffect, { kind: 'payment_succeeded' }>;
type Failure = Extract<EventEffect, { kind: 'payment_failed' }>;
type Refund = Extract<EventEffect, { kind: 'refund_succeeded' }>;
type Chargeback = Extract<EventEffect, { kind: 'chargeback' }>;

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
    if (outcome === 'done' && step) await deps.holdScheduler.cancelExpiry(order);
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

/** What the attendee is told when a chargeback takes their payment back. */
const chargedBack = 'payment.charged_back';

/** A chargeback of all that was left cancels a confirmed booking as a full refund does (places released). */
const chargedBackStep = (
  booking: Booking,
  now: Date,
  provider: ProviderName,
  details: Record<string, unknown>,
): BookingTransition => ({
  ...refundedStep(booking, now, providerActor(provider), details),
  reason: 'charged back',
  notification: { type: chargedBack, details },
});

/** Whether the order's transactions hold this movement of money (by the provider's id). */
const holds = (recorded: PaymentTransaction[], kind: TransactionKind, id: string): boolean =>
  recorded.some((t) => t.kind === kind && t.providerTransactionId === id);

/**
 * Throws why a chargeback cannot be recorded now (NotYet: the queue redelivers it) or at all
 * (NotApplicable: staff see the failed receipt).
 */
const assertChargeable = (order: PaymentOrder, recorded: PaymentTransaction[], effect: Chargeback): void => {
  if (!holds(recorded, 'payment', effect.paymentId)) {
    if (order.paidAmount === 0)
      throw new NotYet('a chargeback before its payment: applied once the payment is');
    throw new NotApplicable(`the disputed payment ${effect.paymentId} is not recorded on this order`);
  }
  if (effect.currency !== order.quote.currency) {
    throw new NotApplicable(`charged back in ${effect.currency}, the order is in ${order.quote.currency}`);
  }
  const left = order.paidAmount - order.refundedAmount;
  if (effect.amount <= 0 || effect.amount > left) {
    throw new NotApplicable(`charged back ${effect.amount}: ${left} of the order is not refunded`);
  }
  // A refund on its way may still take part of what is left: its outcome decides what is left.
  if (effect.amount > refundable(order)) throw new NotYet('a refund of this order is on its way');
};

/**
 * A dispute took money back: recorded once (the dispute id keys the transaction), counted against
 * the payment as refunds are (in `refundedAmount`: what is left to refund shrinks, and refunds and
 * chargebacks together never exceed payments), in one transaction with what it causes. One that
 * takes all that is left ends the order `refunded` and cancels a confirmed booking, releasing its
 * places to the waitlist; the attendee is told (`payment.charged_back`) either way.
 *
 * Which order: the adapter names it from what only this backend writes at the provider (the
 * PaymentIntent's metadata, the Razorpay order's notes), and it is applied only if that order
 * recorded the disputed payment itself. A payment transaction is written under its own order's
 * key, and provider payment ids are unique, so a wrong name can only fail (staff see it): it never
 * reaches another organization's order, and no index of payments across organizations is needed.
 */
const applyChargeback = async (
  deps: ApplyDeps,
  receipt: WebhookReceipt,
  effect: Chargeback,
): Promise<void> => {
  for (;;) {
    const order = await orderFor(deps, effect);
    const recorded = await deps.payments.transactions(effect.order);
    const now = deps.clock.now();
    const at = now.toISOString();
    // Recorded by another delivery of the same dispute (another event id): nothing more to do.
    if (holds(recorded, 'chargeback', effect.providerTransactionId))
      return deps.receipts.settle(receipt, 'applied', null, at);
    assertChargeable(order, recorded, effect);
    const booking = (await deps.bookings.get(effect.order)) ?? null;
    const { next, cancels, refundedBooking } = givenBack(order, booking, effect.amount, at);
    const details = { amount: effect.amount, currency: order.quote.currency, disputeReason: effect.reason };
    const step = cancels && booking ? chargedBackStep(booking, now, order.provider, details) : null;
    const outcome = await deps.payments.record({
      current: order,
      next,
      transaction: transactionOf(order, 'chargeback', effect.providerTransactionId, effect.amount, at),
      booking: step,
      refundedBooking,
      refund: null,
      receipt,
      notification:
        !step && booking
          ? {
              key: `${order.orderId}#chargeback#${effect.providerTransactionId}`,
              type: chargedBack,
              booking,
              payload: { ...details, bookingId: booking.bookingId },
            }
          : null,
    });
    if (outcome === 'done') return;
    if (outcome === 'known') return deps.receipts.settle(receipt, 'applied', null, at);
  }
};

/**
 * Applies one stored receipt, exactly once whatever the order of arrival: each effect is a guarded
 * transition from the state it reads. A receipt that cannot apply is marked `failed` with the
 * reason (staff list and retry it); a receipt that must wait (a refund or chargeback before its
 * payment) and any unexpected error propagate, so the queue redelivers it later.
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
    else if (effect.kind === 'chargeback') await applyChargeback(deps, receipt, effect);
    return 'applied';
  } catch (err) {
    if (!(err instanceof NotApplicable)) throw err;
    await deps.receipts.settle(receipt, 'failed', err.message, deps.clock.now().toISOString());
    return 'failed';
  }
};
