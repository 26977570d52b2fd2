import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError } from '../../../kernel/domain/errors.js';
import { type BookingTransition, committed, confirmStep } from '../../bookings/index.js';
import { type FastPathDeps, relayAfterCommit } from '../../notifications/index.js';
import { type PaymentOrder, providerActor } from './model.js';
import type { EventEffect, WebhookReceipt } from './provider-events.js';

type ApplyDeps = Pick<Deps, 'bookings' | 'holdScheduler' | 'payments' | 'receipts'> & FastPathDeps;

/** Why a receipt cannot be applied: kept on the receipt for staff, not retried by the queue. */
class NotApplicable extends Error {}

type Payment = Extract<EventEffect, { kind: 'payment_succeeded' }>;
type Failure = Extract<EventEffect, { kind: 'payment_failed' }>;

const orderFor = async (deps: Pick<Deps, 'payments'>, effect: Payment | Failure): Promise<PaymentOrder> => {
  const order = await deps.payments.getOrder(effect.order);
  if (!order) throw new NotApplicable('no payment order for this booking');
  return order;
};

/**
 * The held booking's confirm step, or null when its hold no longer runs (it expired or was
 * cancelled meanwhile): the money is then recorded and the late-payment policy decides.
 */
const confirmationOf = async (
  deps: ApplyDeps,
  order: PaymentOrder,
  at: Date,
): Promise<BookingTransition | null> => {
  const booking = await deps.bookings.get(order);
  if (!booking) throw new NotApplicable('the booking of this order is gone');
  if (booking.status === 'confirmed') return null;
  try {
    return confirmStep(booking, at, providerActor(order.provider), 'paid');
  } catch (err) {
    if (err instanceof DomainError && (err.code === 'HOLD_EXPIRED' || err.code === 'INVALID_TRANSITION'))
      return null;
    throw err;
  }
};

/**
 * Money arrived: the order becomes paid, the payment is recorded once (by the provider's id) and the
 * held booking is confirmed, all in one transaction. A duplicate finds the payment recorded.
 */
const applyPayment = async (deps: ApplyDeps, receipt: WebhookReceipt, effect: Payment): Promise<void> => {
  for (;;) {
    const order = await orderFor(deps, effect);
    if (effect.currency.toUpperCase() !== order.quote.currency || effect.amount !== order.quote.total) {
      throw new NotApplicable(
        `paid ${effect.amount} ${effect.currency}, the order is for ${order.quote.total} ${order.quote.currency}`,
      );
    }
    const now = deps.clock.now();
    const at = now.toISOString();
    const booking = await confirmationOf(deps, order, now);
    const paidNow = order.status === 'pending' || order.status === 'failed' || order.status === 'expired';
    const next: PaymentOrder = {
      ...order,
      status: paidNow ? 'paid' : order.status,
      paidAmount: order.paidAmount + effect.amount,
      failureReason: null,
      // Paid after the hold lapsed: staff decide (the event's late-payment policy comes next).
      review: booking || !paidNow ? order.review : 'late_payment',
      updatedAt: at,
    };
    const transaction = {
      orgId: order.orgId,
      sessionId: order.sessionId,
      bookingId: order.bookingId,
      orderId: order.orderId,
      kind: 'payment' as const,
      provider: order.provider,
      providerTransactionId: effect.providerTransactionId,
      amount: effect.amount,
      currency: order.quote.currency,
      at,
    };
    const outcome = await deps.payments.recordPayment({
      current: order,
      next,
      transaction,
      booking,
      receipt,
    });
    if (outcome === 'known') return deps.receipts.settle(receipt, 'applied', null, at);
    if (outcome === 'done') {
      if (booking) {
        await relayAfterCommit(deps, committed(booking.next));
        await deps.holdScheduler.cancelExpiry(order);
      }
      return;
    }
  }
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

/**
 * Applies one stored receipt, exactly once whatever the order of arrival: each effect is a guarded
 * transition from the state it reads. A receipt that cannot apply is marked `failed` with the
 * reason (staff list and retry it); an unexpected error propagates, so the queue redelivers.
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
    else throw new NotApplicable(`${effect.kind} is not applied by this backend yet`);
    return 'applied';
  } catch (err) {
    if (!(err instanceof NotApplicable)) throw err;
    await deps.receipts.settle(receipt, 'failed', err.message, deps.clock.now().toISOString());
    return 'failed';
  }
};
