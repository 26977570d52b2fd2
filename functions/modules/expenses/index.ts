/** The expenses module's entry: an event's expenses, their approval and totals (docs/expenses.md). */
export type { CategoryTotals, Expense, ExpenseCategory, ExpenseStatus } from './domain/model.js';
