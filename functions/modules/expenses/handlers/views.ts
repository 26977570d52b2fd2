import type { Expense } from '../domain/model.js';

/** What a reader sees of an expense: everything but its write version. */
export const expenseView = ({ version: _v, ...e }: Expense) => e;
