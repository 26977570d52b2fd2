import type { EntityItem } from 'electrodb';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import type { CategoryTotals, Expense } from '../domain/model.js';
import type { expenseEntity } from './entities/expense.js';
import type { expenseTotalsEntity } from './entities/expense-totals.js';

/** Between expenses and their items, and from totals items to the domain's tallies. */

type ExpenseItem = EntityItem<typeof expenseEntity>;
type TotalsItem = EntityItem<typeof expenseTotalsEntity>;

export const storedExpense = (e: Expense) => toStored(e);

export const toExpense = fromStored<Expense, ExpenseItem>({
  nullable: {
    description: true,
    vendorName: true,
    invoiceNumber: true,
    receiptUrl: true,
    invoiceUrl: true,
    decidedBy: true,
    decidedAt: true,
    rejectionReason: true,
    paidBy: true,
    paymentDate: true,
  },
  itemOnly: {},
});

export const toCategoryTotals = (t: TotalsItem): CategoryTotals => ({
  currency: t.currency,
  category: t.category,
  pending: { count: t.pendingCount ?? 0, amountMinor: t.pendingMinor ?? 0 },
  approved: { count: t.approvedCount ?? 0, amountMinor: t.approvedMinor ?? 0 },
  rejected: { count: t.rejectedCount ?? 0, amountMinor: t.rejectedMinor ?? 0 },
  paid: { count: t.paidCount ?? 0, amountMinor: t.paidMinor ?? 0 },
});
