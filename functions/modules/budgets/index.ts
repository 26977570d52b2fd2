/** The budgets module's entry: an event's budget lines and their report (docs/budgets.md). */
export type { BudgetLine } from './domain/model.js';
