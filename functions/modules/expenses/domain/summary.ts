import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import type { Principal } from '../../../kernel/domain/types.js';
import { eventForRead } from '../../catalog/index.js';
import {
  addTally,
  type CategoryTotals,
  type ExpenseCategory,
  emptyTally,
  expenseCategories,
  type Tally,
} from './model.js';

/** Tallies of one category (or of all), with `committed`: approved and paid together. */
export interface SummaryTallies {
  pending: Tally;
  approved: Tally;
  rejected: Tally;
  paid: Tally;
  committed: Tally;
}

export interface CurrencySummary {
  currency: string;
  categories: Array<{ category: ExpenseCategory } & SummaryTallies>;
  total: SummaryTallies;
}

/**
 * An event's expenses by currency, each by category and overall. Read from the totals items that
 * every expense write keeps in its transaction, never from the expenses themselves. No budget is
 * compared yet: budgets come with the operations module.
 */
export interface ExpenseSummary {
  eventId: string;
  currencies: CurrencySummary[];
}

const empty = (): SummaryTallies => ({
  pending: emptyTally(),
  approved: emptyTally(),
  rejected: emptyTally(),
  paid: emptyTally(),
  committed: emptyTally(),
});

const tallies = (t: Omit<CategoryTotals, 'currency' | 'category'>): SummaryTallies => ({
  pending: t.pending,
  approved: t.approved,
  rejected: t.rejected,
  paid: t.paid,
  committed: addTally(t.approved, t.paid),
});

const sum = (a: SummaryTallies, b: SummaryTallies): SummaryTallies => ({
  pending: addTally(a.pending, b.pending),
  approved: addTally(a.approved, b.approved),
  rejected: addTally(a.rejected, b.rejected),
  paid: addTally(a.paid, b.paid),
  committed: addTally(a.committed, b.committed),
});

/** Pure: the summary of an event's totals items (every category listed, zero when it had none). */
export const summarize = (eventId: string, rows: readonly CategoryTotals[]): ExpenseSummary => {
  const currencies = [...new Set(rows.map((r) => r.currency))].sort();
  return {
    eventId,
    currencies: currencies.map((currency) => {
      const categories = expenseCategories.map((category) => {
        const row = rows.find((r) => r.currency === currency && r.category === category);
        return { category, ...(row ? tallies(row) : empty()) };
      });
      return { currency, categories, total: categories.reduce<SummaryTallies>((a, c) => sum(a, c), empty()) };
    }),
  };
};

export const expenseSummary = async (
  deps: Pick<Deps, 'expenses' | 'events'> & AccessDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
): Promise<ExpenseSummary> => {
  await authorize(deps, orgId, principal, 'expense.read');
  await eventForRead(deps, orgId, eventId);
  return summarize(eventId, await deps.expenses.totals(orgId, eventId));
};
