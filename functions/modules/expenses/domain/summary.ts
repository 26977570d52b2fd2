import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import type { Principal } from '../../../kernel/domain/types.js';
import { eventForRead } from '../../catalog/index.js';
import { type PlanComparison, planComparison } from './budget-comparison.js';
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
 * The budget's lines of one currency against the committed (approved and paid) expenses of their
 * categories, and the currency's plan against all its committed expenses. Vendor contracts are not
 * counted here: the budget's own report (docs/budgets.md) adds them.
 */
export interface BudgetComparison {
  currency: string;
  categories: Array<{ category: ExpenseCategory } & PlanComparison>;
  total: PlanComparison;
}

/**
 * An event's expenses by currency, each by category and overall. Read from the totals items that
 * every expense write keeps in its transaction, never from the expenses themselves; compared with
 * the event's budget lines (read through the budgets' port) per currency.
 */
export interface ExpenseSummary {
  eventId: string;
  currencies: CurrencySummary[];
  budget: BudgetComparison[];
}

/** The planned amount of a category in a currency (what a budget line says). */
export interface Plan {
  category: ExpenseCategory;
  currency: string;
  plannedMinor: number;
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

/** Pure: the plans of each currency against the committed expenses of the summary's currencies. */
export const compareWithPlans = (
  currencies: readonly CurrencySummary[],
  plans: readonly Plan[],
): BudgetComparison[] =>
  [...new Set(plans.map((p) => p.currency))].sort().map((currency) => {
    const spent = currencies.find((c) => c.currency === currency);
    const committedOf = (category: ExpenseCategory) =>
      spent?.categories.find((c) => c.category === category)?.committed.amountMinor ?? 0;
    const mine = plans
      .filter((p) => p.currency === currency)
      .sort((a, b) => expenseCategories.indexOf(a.category) - expenseCategories.indexOf(b.category));
    return {
      currency,
      categories: mine.map((p) => ({
        category: p.category,
        ...planComparison(p.plannedMinor, committedOf(p.category)),
      })),
      total: planComparison(
        mine.reduce((s, p) => s + p.plannedMinor, 0),
        spent?.total.committed.amountMinor ?? 0,
      ),
    };
  });

/** Pure: the summary of an event's totals items (every category listed, zero when it had none). */
export const summarize = (
  eventId: string,
  rows: readonly CategoryTotals[],
  plans: readonly Plan[] = [],
): ExpenseSummary => {
  const currencies = [...new Set(rows.map((r) => r.currency))].sort();
  const summaries = currencies.map((currency): CurrencySummary => {
    const categories = expenseCategories.map((category) => {
      const row = rows.find((r) => r.currency === currency && r.category === category);
      return { category, ...(row ? tallies(row) : empty()) };
    });
    return { currency, categories, total: categories.reduce<SummaryTallies>((a, c) => sum(a, c), empty()) };
  });
  return { eventId, currencies: summaries, budget: compareWithPlans(summaries, plans) };
};

export const expenseSummary = async (
  deps: Pick<Deps, 'expenses' | 'events' | 'budgetLines'> & AccessDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
): Promise<ExpenseSummary> => {
  await authorize(deps, orgId, principal, 'expense.read');
  await eventForRead(deps, orgId, eventId);
  const [totals, lines] = await Promise.all([
    deps.expenses.totals(orgId, eventId),
    deps.budgetLines.list(orgId, eventId),
  ]);
  return summarize(eventId, totals, lines);
};
