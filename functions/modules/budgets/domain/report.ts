import {
  type CategoryTotals,
  type ExpenseCategory,
  expenseCategories,
  type PlanComparison,
  planComparison,
} from '../../expenses/index.js';
import type { VendorContract } from '../../vendors/index.js';
import type { BudgetLine } from './model.js';

/**
 * The budget against what was spent, per category and currency: the actual of a category is its
 * approved and paid expenses plus its signed and paid vendor contracts, in the line's currency. A
 * line whose actual exceeds its plan is `overBudget` by `overByMinor`. Currencies are never
 * converted: spending in another currency than the line's, or in a category without a line, is
 * `unplanned`; the totals are per currency.
 */

export interface Actual {
  category: ExpenseCategory;
  currency: string;
  expensesMinor: number;
  contractsMinor: number;
  actualMinor: number;
}

export type LineReport = BudgetLine & Actual & PlanComparison;

export interface CurrencyTotal extends PlanComparison {
  currency: string;
}

export interface BudgetReport {
  eventId: string;
  lines: LineReport[];
  unplanned: Actual[];
  totals: CurrencyTotal[];
}

const keyOf = (category: string, currency: string) => `${currency}#${category}`;

/** Pure: the actuals per currency and category of the event's expense totals and committed contracts. */
export const actualsOf = (
  expenses: readonly CategoryTotals[],
  contracts: readonly Pick<VendorContract, 'category' | 'currency' | 'amountMinor'>[],
): Map<string, Actual> => {
  const actuals = new Map<string, Actual>();
  const at = (category: ExpenseCategory, currency: string): Actual => {
    const k = keyOf(category, currency);
    const a = actuals.get(k) ?? { category, currency, expensesMinor: 0, contractsMinor: 0, actualMinor: 0 };
    actuals.set(k, a);
    return a;
  };
  for (const t of expenses) {
    const committed = t.approved.amountMinor + t.paid.amountMinor;
    if (committed === 0) continue;
    const a = at(t.category, t.currency);
    a.expensesMinor += committed;
    a.actualMinor += committed;
  }
  for (const c of contracts) {
    const a = at(c.category, c.currency);
    a.contractsMinor += c.amountMinor;
    a.actualMinor += c.amountMinor;
  }
  return actuals;
};

const categoryOrder = (c: ExpenseCategory) => expenseCategories.indexOf(c);

/** Pure: the report of an event's lines against its actuals. */
export const budgetReport = (
  eventId: string,
  lines: readonly BudgetLine[],
  actuals: ReadonlyMap<string, Actual>,
): BudgetReport => {
  const planned = new Set(lines.map((l) => keyOf(l.category, l.currency)));
  const reported = [...lines]
    .sort((a, b) => categoryOrder(a.category) - categoryOrder(b.category))
    .map((line): LineReport => {
      const a = actuals.get(keyOf(line.category, line.currency));
      const expensesMinor = a?.expensesMinor ?? 0;
      const contractsMinor = a?.contractsMinor ?? 0;
      return {
        ...line,
        expensesMinor,
        contractsMinor,
        ...planComparison(line.plannedMinor, expensesMinor + contractsMinor),
      };
    });
  const unplanned = [...actuals.entries()]
    .filter(([k]) => !planned.has(k))
    .map(([, a]) => a)
    .sort(
      (a, b) => a.currency.localeCompare(b.currency) || categoryOrder(a.category) - categoryOrder(b.category),
    );
  const currencies = [
    ...new Set([...lines.map((l) => l.currency), ...unplanned.map((a) => a.currency)]),
  ].sort();
  const totals = currencies.map((currency): CurrencyTotal => {
    const plannedMinor = lines.filter((l) => l.currency === currency).reduce((s, l) => s + l.plannedMinor, 0);
    const actualMinor = [...actuals.values()]
      .filter((a) => a.currency === currency)
      .reduce((s, a) => s + a.actualMinor, 0);
    return { currency, ...planComparison(plannedMinor, actualMinor) };
  });
  return { eventId, lines: reported, unplanned, totals };
};
