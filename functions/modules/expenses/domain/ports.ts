import type { Page, PageRequest } from '../../../kernel/domain/types.js';
import type { CategoryTotals, Expense, ExpenseCategory, ExpenseStatus } from './model.js';

export interface ExpenseFilter {
  status?: ExpenseStatus | undefined;
  category?: ExpenseCategory | undefined;
}

/**
 * An event's expenses and their totals, all in one partition of the event. Every write of an
 * expense commits with the change of its totals (model.ts `totalsDelta`) in one transaction.
 */
export interface ExpenseStore {
  /** Puts a new expense and adds it to its totals. */
  create(expense: Expense): Promise<void>;
  get(orgId: string, eventId: string, expenseId: string): Promise<Expense | undefined>;
  list(orgId: string, eventId: string, filter: ExpenseFilter, page: PageRequest): Promise<Page<Expense>>;
  /**
   * Writes `after` and moves its totals, if the stored expense is still `before` (same version and
   * status); false when it changed meanwhile (another write won).
   */
  save(before: Expense, after: Expense): Promise<boolean>;
  /** The event's totals per currency and category (only those that ever had an expense). */
  totals(orgId: string, eventId: string): Promise<CategoryTotals[]>;
  /** Deletes up to `limit` expense items of the event (totals included); fewer means none is left. */
  purgeEvent(orgId: string, eventId: string, limit: number): Promise<number>;
}
