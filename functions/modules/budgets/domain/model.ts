import type { ExpenseCategory } from '../../expenses/index.js';

/**
 * An event's budget (docs/budgets.md): one line per category (the categories expenses and vendor
 * contracts are charged to), each a planned amount in minor units of its currency. What was spent
 * is never stored here: it is read each time from the expenses' totals and the contracts.
 */
export interface BudgetLine {
  orgId: string;
  eventId: string;
  category: ExpenseCategory;
  plannedMinor: number;
  currency: string;
  notes: string | null;
  createdAt: string;
  updatedAt: string;
}
