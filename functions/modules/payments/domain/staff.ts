import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import { reviveStep } from '../../bookings/index.js';
import type { OrderRef, PaymentOrder, ProviderName } from './model.js';
import type { WebhookReceipt } from './provider-events.js';
import { refundOrder } from './refund-flow.js';

/** Staff: receipts of the organization that could not be applied, newest first. */
export const listFailedReceipts = async (
  deps: Pick<Deps, 'receipts'> & AccessDeps,
  principal: Principal,
  orgId: string,
  page: PageRequest,
): Promise<Page<WebhookReceipt>> => {
  await authorize(deps, orgId, principal, 'booking.read');
  return deps.receipts.listFailed(orgId, page);
};

/** Staff: a failed receipt goes back to the queue (after the cause was fixed); others answer as they are. */
export const retryReceipt = async (
  deps: Pick<Deps, 'clock' | 'paymentInbox' | 'receipts'> & AccessDeps,
  principal: Principal,
  orgId: string,
  key: { provider: ProviderName; eventId: string },
): Promise<WebhookReceipt> => {
  await authorize(deps, orgId, principal, 'booking.manage');
  const receipt = await deps.receipts.get(key.provider, key.eventId);
  if (!receipt || receipt.orgId !== orgId) throw notFound('receipt');
  if (receipt.status !== 'failed') return receipt;
  const at = deps.clock.now().toISOString();
  // A fresh start: the sweep counts its own hand-offs again from here.
  const again = { ...receipt, handoffs: 0 };
  await deps.receipts.settle(again, 'received', null, at);
  await deps.paymentInbox.send(again);
  return { ...again, status: 'received', error: null, updatedAt: at };
};

/** How long after its hold an unpaid order counts as stuck (the reconciler's grace, then a run). */
const stuckAfterMs = 5 * 60_000;

/**
 * Staff: orders of the organization the reconciler has not settled (it looks at them every
 * minute): still unpaid well after their hold ended, or still owing a refund well after their
 * session was cancelled (the provider refused it: `failureReason` of the refund request says why).
 * At most `limit`, oldest first.
 */
export const listStuckOrders = async (
  deps: Pick<Deps, 'clock' | 'payments'> & AccessDeps,
  principal: Principal,
  orgId: string,
  limit: number,
): Promise<PaymentOrder[]> => {
  await authorize(deps, orgId, principal, 'booking.read');
  const before = new Date(deps.clock.now().getTime() - stuckAfterMs).toISOString();
  // The unpaid index is shared by every organization (it only ever holds orders past due): read
  // a bounded number and keep this organization's.
  const due = (await deps.payments.listDue(before, 1000)).filter((r) => r.orgId === orgId);
  const orders = await Promise.all(due.slice(0, limit).map((r) => deps.payments.getOrder(r)));
  return orders.filter(
    (o): o is PaymentOrder =>
      o !== undefined && (o.status === 'pending' || o.status === 'failed' || o.refundOwedSince !== null),
  );
};

/** Staff: late payments waiting for a decision (the `review` policy), newest first. */
export const listOrdersForReview = async (
  deps: Pick<Deps, 'payments'> & AccessDeps,
  principal: Principal,
  orgId: string,
  page: PageRequest,
): Promise<Page<PaymentOrder>> => {
  await authorize(deps, orgId, principal, 'booking.read');
  return deps.payments.listForReview(orgId, page);
};

const orderUnderReview = async (deps: Pick<Deps, 'payments'>, ref: OrderRef): Promise<PaymentOrder> => {
  const order = await deps.payments.getOrder(ref);
  if (!order) throw notFound('payment order');
  if (order.review === null) throw new DomainError('INVALID_TRANSITION', 'the order waits for no decision');
  return order;
};

/**
 * Staff decide about a late payment: `accept` confirms the lapsed booking again if its places are
 * still free (else 409 CAPACITY_EXHAUSTED: refund instead) and its session and event still take
 * bookings (else NOT_BOOKABLE), `refund` gives the money back. Either
 * clears the order's review flag; repeating a decision already taken answers 409.
 */
export const decideLatePayment = async (
  deps: Pick<Deps, 'bookings' | 'clock' | 'paymentProviders' | 'payments' | 'receipts'> & AccessDeps,
  principal: Principal,
  ref: OrderRef,
  decision: 'accept' | 'refund',
): Promise<PaymentOrder> => {
  await authorize(deps, ref.orgId, principal, 'booking.manage');
  for (;;) {
    const order = await orderUnderReview(deps, ref);
    const at = deps.clock.now().toISOString();
    const cleared: PaymentOrder = { ...order, review: null, updatedAt: at };
    if (decision === 'refund') {
      if ((await deps.payments.updateOrder(order, cleared, null)) !== 'done') continue;
      await refundOrder(deps, ref, {
        requestId: `review-${order.orderId}`,
        amount: 'rest',
        reason: 'late payment refunded by staff',
        by: principal.sub,
      });
      return (await deps.payments.getOrder(ref)) ?? cleared;
    }
    const booking = await deps.bookings.get(ref);
    if (!booking) throw notFound('booking');
    const step = reviveStep(booking, deps.clock.now(), principal.sub);
    const outcome = await deps.payments.reviewAccepted(order, cleared, step);
    if (outcome === 'closed') {
      throw new DomainError(
        'NOT_BOOKABLE',
        'the session or event of this booking no longer takes bookings: refund it instead',
      );
    }
    if (outcome === 'full') {
      throw new DomainError('CAPACITY_EXHAUSTED', 'the places of this booking are taken: refund it instead');
    }
    if (outcome === 'done') return cleared;
  }
};
