import { type SessionCheck, violation } from './check-types.js';
import { holdsMoney, ordersByBooking } from './money-checks.js';
import type { OrderItem, TransactionItem } from './money-items.js';
import type { SessionSnapshot } from './snapshot.js';

/**
 * Money within one order: its amounts are the sums of its transactions, refunds never exceed
 * payments, the refunds it reserved are the requests still open, and its status says what its
 * amounts say. Each order's changes are one transaction with the items they concern, so none of
 * these waits for anything in flight.
 */

const sumOf = (txns: readonly TransactionItem[], kind: TransactionItem['kind']): number =>
  txns.filter((t) => t.kind === kind).reduce((sum, t) => sum + t.amount, 0);

/** A booking's transactions, by booking id: an order and its transactions share it. */
const transactionsByBooking = (s: SessionSnapshot): Map<string, TransactionItem[]> => {
  const grouped = new Map<string, TransactionItem[]>();
  for (const t of s.transactions ?? []) grouped.set(t.bookingId, [...(grouped.get(t.bookingId) ?? []), t]);
  return grouped;
};

/** Chargebacks take money back as refunds do, so they count against the payments here. */
export const refundsWithinPayments: SessionCheck = {
  name: 'refunds-within-payments',
  rule: "a booking's refund (and chargeback) transactions add up to no more than its payment transactions",
  run: (s) =>
    [...transactionsByBooking(s)].flatMap(([bookingId, txns]) => {
      const paid = sumOf(txns, 'payment');
      const refunded = sumOf(txns, 'refund');
      const chargedBack = sumOf(txns, 'chargeback');
      if (refunded + chargedBack <= paid) return [];
      const back = `refunds ${refunded}${chargedBack ? ` and chargebacks ${chargedBack}` : ''}`;
      return [violation('refunds-within-payments', s, `${back} exceed payments ${paid}`, { bookingId })];
    }),
};

export const orderAmountsMatchTransactions: SessionCheck = {
  name: 'order-amounts-match-transactions',
  rule: "an order's paidAmount is the sum of its payment transactions, its refundedAmount the sum of its refund and chargeback transactions",
  run: (s) => {
    const orders = ordersByBooking(s);
    const byBooking = transactionsByBooking(s);
    const name = 'order-amounts-match-transactions';
    const mismatched = (s.orders ?? []).flatMap((o) => {
      const txns = byBooking.get(o.bookingId) ?? [];
      const [paid, refunded] = [sumOf(txns, 'payment'), sumOf(txns, 'refund')];
      // A chargeback is counted in refundedAmount: money back to the buyer either way.
      const chargedBack = sumOf(txns, 'chargeback');
      if (o.paidAmount === paid && o.refundedAmount === refunded + chargedBack) return [];
      const back = `refund ${refunded}${chargedBack ? `, charge back ${chargedBack}` : ''}`;
      const detail = `order ${o.orderId} says paid ${o.paidAmount}, refunded ${o.refundedAmount}; its transactions pay ${paid}, ${back}`;
      return [violation(name, s, detail, { bookingId: o.bookingId })];
    });
    const orphans = (s.transactions ?? [])
      .filter((t) => !orders.has(t.bookingId))
      .map((t) =>
        violation(name, s, `${t.kind} ${t.providerTransactionId} of ${t.amount} has no order`, {
          bookingId: t.bookingId,
        }),
      );
    const negative = (s.transactions ?? [])
      .filter((t) => t.amount < 0)
      .map((t) =>
        violation(name, s, `${t.kind} ${t.providerTransactionId} has a negative amount ${t.amount}`, {
          bookingId: t.bookingId,
        }),
      );
    return [...mismatched, ...orphans, ...negative];
  },
};

export const refundPendingMatchesRequests: SessionCheck = {
  name: 'refund-pending-matches-requests',
  rule: "an order's refundPending is the sum of its refund requests still requested; no request is negative",
  run: (s) => {
    const orders = ordersByBooking(s);
    const refunds = s.refunds ?? [];
    const name = 'refund-pending-matches-requests';
    const mismatched = (s.orders ?? []).flatMap((o) => {
      const open = refunds.filter((r) => r.bookingId === o.bookingId && r.status === 'requested');
      const asked = open.reduce((sum, r) => sum + r.amount, 0);
      const at = { bookingId: o.bookingId };
      if (o.refundPending < 0)
        return [violation(name, s, `order ${o.orderId} has a negative refundPending ${o.refundPending}`, at)];
      if (o.refundPending === asked) return [];
      const detail = `order ${o.orderId} has refundPending ${o.refundPending}, ${open.length} open requests ask ${asked}`;
      return [violation(name, s, detail, at)];
    });
    const orphans = refunds
      .filter((r) => !orders.has(r.bookingId))
      .map((r) =>
        violation(name, s, `refund request ${r.requestId} (${r.status}) has no order`, {
          bookingId: r.bookingId,
        }),
      );
    const negative = refunds
      .filter((r) => r.amount < 0)
      .map((r) =>
        violation(name, s, `refund request ${r.requestId} asks a negative amount ${r.amount}`, {
          bookingId: r.bookingId,
        }),
      );
    return [...mismatched, ...orphans, ...negative];
  },
};

/** What an order's amounts must be in its status; undefined when they are. */
const statusMismatch = (o: OrderItem): string | undefined => {
  const { paidAmount: paid, refundedAmount: refunded } = o;
  if (!holdsMoney(o)) return paid === 0 && refunded === 0 ? undefined : 'no money yet';
  // A payment is applied only when it is the quote's total: less means money is missing.
  if (paid <= 0 || paid < o.quote.total) return `at least the quote's total ${o.quote.total} received`;
  if (o.status === 'paid') return refunded === 0 ? undefined : 'nothing refunded';
  if (o.status === 'partially_refunded')
    return refunded > 0 && refunded < paid ? undefined : '0 < refunded < received';
  return refunded >= paid ? undefined : 'refunded >= received';
};

export const orderStatusMatchesAmounts: SessionCheck = {
  name: 'order-status-matches-amounts',
  rule:
    'pending, failed and expired orders hold no money; paid ones received their quote and refunded nothing; ' +
    'partially_refunded: 0 < refunded < received; refunded: refunded >= received > 0',
  run: (s) =>
    (s.orders ?? []).flatMap((o) => {
      const wanted = statusMismatch(o);
      if (wanted === undefined) return [];
      const detail = `order ${o.orderId} is ${o.status} with received ${o.paidAmount}, refunded ${o.refundedAmount} (quote ${o.quote.total}); ${o.status} wants ${wanted}`;
      return [violation('order-status-matches-amounts', s, detail, { bookingId: o.bookingId })];
    }),
};
