/**
 * An event's expenses (docs/expenses.md): what was spent, on what, with whom, in which currency,
 * and where it stands in its approval: `pending -> approved | rejected`, `approved -> paid`.
 * Rejected and paid are final. Money is an integer of minor units with its ISO 4217 currency;
 * an event may hold expenses in several currencies, and its totals are kept per currency.
 */

export type ExpenseCategory =
  | 'venue'
  | 'catering'
  | 'speakers'
  | 'marketing'
  | 'technology'
  | 'travel'
  | 'miscellaneous';

export type ExpenseStatus = 'pending' | 'approved' | 'rejected' | 'paid';

export const expenseCategories: readonly ExpenseCategory[] = [
  'venue',
  'catering',
  'speakers',
  'marketing',
  'technology',
  'travel',
  'miscellaneous',
];

export const expenseStatuses: readonly ExpenseStatus[] = ['pending', 'approved', 'rejected', 'paid'];

/** Where an expense may go from each status; rejected and paid are final. */
export const expenseMoves: Record<ExpenseStatus, readonly ExpenseStatus[]> = {
  pending: ['approved', 'rejected'],
  approved: ['paid'],
  rejected: [],
  paid: [],
};

export interface Expense {
  orgId: string;
  eventId: string;
  expenseId: string;
  /** The member who submitted it: never the one who approves or rejects it. */
  submittedBy: string;
  name: string;
  category: ExpenseCategory;
  description: string | null;
  amountMinor: number;
  currency: string;
  vendorName: string | null;
  invoiceNumber: string | null;
  /** https URLs of the receipt and invoice files (uploads to S3 come later). */
  receiptUrl: string | null;
  invoiceUrl: string | null;
  status: ExpenseStatus;
  /** Who approved or rejected it, and when. */
  decidedBy: string | null;
  decidedAt: string | null;
  rejectionReason: string | null;
  /** Who marked it paid, and the day it was paid (YYYY-MM-DD). */
  paidBy: string | null;
  paymentDate: string | null;
  /** Bumped by every write: edits and status changes are conditional on it. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Count and sum (minor units) of one status's expenses. */
export interface Tally {
  count: number;
  amountMinor: number;
}

/** The tallies of one currency and category of an event, kept by every write of its expenses. */
export interface CategoryTotals {
  currency: string;
  category: ExpenseCategory;
  pending: Tally;
  approved: Tally;
  rejected: Tally;
  paid: Tally;
}

export const emptyTally = (): Tally => ({ count: 0, amountMinor: 0 });

export const addTally = (a: Tally, b: Tally): Tally => ({
  count: a.count + b.count,
  amountMinor: a.amountMinor + b.amountMinor,
});

/** One change of one tally: `count` and `amountMinor` are added (negative: taken away). */
export interface TallyDelta {
  currency: string;
  category: ExpenseCategory;
  status: ExpenseStatus;
  count: number;
  amountMinor: number;
}

type Counted = Pick<Expense, 'currency' | 'category' | 'status' | 'amountMinor'>;

/**
 * How a write of an expense changes its event's totals: `before` (absent for a creation) leaves
 * its tally, `after` joins its own. Changes of one tally are merged, and those that change
 * nothing dropped, so each tally appears once (a transaction touches an item once).
 */
export const totalsDelta = (before: Counted | null, after: Counted): TallyDelta[] => {
  const deltas = new Map<string, TallyDelta>();
  const apply = (e: Counted, sign: 1 | -1) => {
    const k = `${e.currency}#${e.category}#${e.status}`;
    const d = deltas.get(k) ?? {
      currency: e.currency,
      category: e.category,
      status: e.status,
      count: 0,
      amountMinor: 0,
    };
    d.count += sign;
    d.amountMinor += sign * e.amountMinor;
    deltas.set(k, d);
  };
  if (before) apply(before, -1);
  apply(after, 1);
  return [...deltas.values()].filter((d) => d.count !== 0 || d.amountMinor !== 0);
};
