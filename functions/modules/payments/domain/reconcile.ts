import type { Deps } from '../../../kernel/domain/deps.js';
import type { OrderRef, PaymentOrder } from './model.js';
import { refundable } from './money.js';
import { type ApplyDeps, applyPayment } from './receipt-apply.js';
import { type RefundDeps, refundOrder } from './refund-flow.js';

export interface ReconcileOptions {
  /** Orders whose hold ended longer ago than this are asked about (a webhook may still be on its way). */
  graceMs: number;
  limit: number;
  /** False once the run should stop (the function's deadline nears). */
  hasTime: () => boolean;
}

export const defaultReconcileOptions = { graceMs: 2 * 60_000, limit: 100 };

export interface ReconcileResult {
  asked: number;
  /** Refunds owed (cancelled sessions) made now, or found settled otherwise. */
  refunded: number;
  /** Paid at the provider though no webhook told us: applied now. */
  paid: number;
  /** Not paid: the order expired (and the provider's side closed where it can be). */
  expired: number;
  /** Could not be settled (kept for staff: the error is logged by the caller). */
  failed: { order: OrderRef; error: string }[];
}

/** An order nobody paid: expired, and closed at the provider so that it cannot be paid later. */
const expire = async (deps: Pick<Deps, 'clock' | 'payments' | 'paymentProviders'>, order: PaymentOrder) => {
  if (order.providerOrderId) {
    const provider = await deps.paymentProviders.get(order.provider);
    await provider.close({ ...order, providerOrderId: order.providerOrderId });
  }
  for (
    let current: PaymentOrder | undefined = order;
    current;
    current = await deps.payments.getOrder(order)
  ) {
    if (current.status !== 'pending' && current.status !== 'failed') return;
    const next: PaymentOrder = { ...current, status: 'expired', updatedAt: deps.clock.now().toISOString() };
    if ((await deps.payments.updateOrder(current, next, null)) === 'done') return;
  }
};

/**
 * A refund owed since the booking was cancelled with its session: what is left is refunded, and
 * the full refund clears the debt (see `completeRefund`). The request id follows what was refunded
 * so far, so runs that overlap ask once, and a partial refund made meanwhile leads to a new request
 * for the rest. False while another refund is still on its way.
 */
const refundOwed = async (deps: RefundDeps, order: PaymentOrder): Promise<boolean> => {
  if (refundable(order) > 0) {
    await refundOrder(deps, order, {
      requestId: `owed-${order.refundedAmount}`,
      amount: 'rest',
      reason: 'the session was cancelled',
      by: 'payments',
    });
    return true;
  }
  if (order.refundPending > 0) return false;
  // Given back otherwise (staff refunded it all): nothing is owed any more.
  const next: PaymentOrder = { ...order, refundOwedSince: null, updatedAt: deps.clock.now().toISOString() };
  await deps.payments.updateOrder(order, next, null);
  return true;
};

/**
 * What fell between the chairs: orders still unpaid after their hold ended, and refunds owed.
 * Each unpaid one is asked about at its provider; money the provider took is applied as its webhook
 * would have been (once, by the payment's id), and an order nobody paid expires.
 */
export const reconcilePayments = async (
  deps: ApplyDeps & Pick<Deps, 'paymentProviders'>,
  now: Date,
  options: ReconcileOptions,
): Promise<ReconcileResult> => {
  const before = new Date(now.getTime() - options.graceMs).toISOString();
  const due = await deps.payments.listDue(before, options.limit);
  const result: ReconcileResult = { asked: 0, refunded: 0, paid: 0, expired: 0, failed: [] };
  for (const ref of due) {
    if (!options.hasTime()) break;
    const order = await deps.payments.getOrder(ref);
    if (!order) continue;
    if (order.refundOwedSince !== null) {
      try {
        if (await refundOwed(deps, order)) result.refunded += 1;
      } catch (err) {
        result.failed.push({ order: ref, error: err instanceof Error ? err.message : String(err) });
      }
      continue;
    }
    if (order.status !== 'pending' && order.status !== 'failed') continue;
    result.asked += 1;
    try {
      const provider = await deps.paymentProviders.get(order.provider);
      const paid = order.providerOrderId
        ? await provider.lookup({ ...order, providerOrderId: order.providerOrderId })
        : null;
      if (paid) {
        await applyPayment(deps, null, { order: ref, ...paid });
        result.paid += 1;
      } else {
        await expire(deps, order);
        result.expired += 1;
      }
    } catch (err) {
      // Asked again on the next run; what cannot apply at all is reported by the caller.
      result.failed.push({ order: ref, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return result;
};
