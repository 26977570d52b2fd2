/** The expenses module's entry: an event's expenses, their approval and totals (docs/expenses.md). */

export { expenseCategorySchema } from './contracts/expenses.js';
export type { PlanComparison } from './domain/budget-comparison.js';
export { planComparison } from './domain/budget-comparison.js';
/** The event gate's second half, shared by the event's money routes (vendor contracts, budgets). */
export type { CategoryTotals, Expense, ExpenseCategory, ExpenseStatus } from './domain/model.js';
export { expenseCategories } from './domain/model.js';
