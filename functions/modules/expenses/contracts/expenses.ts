import {
  amountMinorSchema,
  calendarDateSchema,
  currencySchema,
  eventParams,
  freeText,
  isoDateTime,
  pageQuerySchema,
  stampFields,
} from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import { expenseCategories, expenseStatuses } from '../domain/model.js';

/** An event's expenses, their approval and their totals (docs/expenses.md). */

export const expenseIdSchema = z
  .string()
  .regex(/^exp_[0-9a-z]{20}$/, 'must be an expense id (exp_ followed by 20 lowercase letters or digits)')
  .openapi({ example: 'exp_5k9m3p7r1t5v9x3z7b1d' });

export const expenseParams = eventParams.extend({ expenseId: expenseIdSchema });

export const expenseCategorySchema = z.enum(expenseCategories).openapi('ExpenseCategory');
const categorySchema = expenseCategorySchema;
const statusSchema = z.enum(expenseStatuses).openapi('ExpenseStatus', {
  description: 'pending -> approved | rejected, approved -> paid; rejected and paid are final',
});

/** A file reference: https only (uploads to S3 come later). */
const httpsUrl = z
  .string()
  .trim()
  .max(2048)
  .pipe(z.url({ protocol: /^https$/, error: 'must be an https:// URL' }))
  .openapi({ example: 'https://files.example.com/receipts/4711.pdf' });

const shortText = (max: number) => freeText(z.string().trim().min(1).max(max));
const longText = (max: number) => freeText(z.string().trim().max(max), { multiline: true });

const amountMinor = amountMinorSchema;
const currency = currencySchema;

const expenseFields = {
  name: shortText(200).openapi({ example: 'Coffee for day one' }),
  category: categorySchema,
  description: longText(4000).nullable().optional(),
  amountMinor,
  currency,
  vendorName: shortText(200).nullable().optional(),
  invoiceNumber: shortText(100).nullable().optional(),
  receiptUrl: httpsUrl.nullable().optional(),
  invoiceUrl: httpsUrl.nullable().optional(),
};

export const createExpenseBody = z.strictObject(expenseFields).openapi('CreateExpense');

export const updateExpenseBody = z
  .strictObject({
    ...expenseFields,
    name: expenseFields.name.optional(),
    category: categorySchema.optional(),
    amountMinor: amountMinor.optional(),
    currency: currency.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change')
  .openapi('UpdateExpense');

export const rejectExpenseBody = z
  .strictObject({ reason: longText(1000).pipe(z.string().min(1)) })
  .openapi('RejectExpense');

export const payExpenseBody = z.strictObject({ paymentDate: calendarDateSchema }).openapi('PayExpense');

export const expenseListQuery = pageQuerySchema.extend({
  status: statusSchema.optional(),
  category: categorySchema.optional(),
});

export const expenseSchema = z
  .object({
    orgId: z.string(),
    eventId: z.string(),
    expenseId: expenseIdSchema,
    submittedBy: z.string(),
    name: z.string(),
    category: categorySchema,
    description: z.string().nullable(),
    amountMinor: z.number().int(),
    currency: z.string(),
    vendorName: z.string().nullable(),
    invoiceNumber: z.string().nullable(),
    receiptUrl: z.string().nullable(),
    invoiceUrl: z.string().nullable(),
    status: statusSchema,
    decidedBy: z.string().nullable(),
    decidedAt: isoDateTime.nullable(),
    rejectionReason: z.string().nullable(),
    paidBy: z.string().nullable(),
    paymentDate: z.string().nullable(),
    ...stampFields,
  })
  .openapi('Expense');

const tallySchema = z
  .object({ count: z.number().int(), amountMinor: z.number().int() })
  .openapi('ExpenseTally');

const talliesFields = {
  pending: tallySchema,
  approved: tallySchema,
  rejected: tallySchema,
  paid: tallySchema,
  committed: tallySchema.openapi({ description: 'approved and paid together' }),
};

const comparisonFields = {
  plannedMinor: z.number().int(),
  actualMinor: z.number().int(),
  remainingMinor: z.number().int(),
  overBudget: z.boolean(),
  overByMinor: z.number().int(),
};

export const expenseSummarySchema = z
  .object({
    eventId: z.string(),
    currencies: z.array(
      z.object({
        currency: z.string(),
        categories: z.array(z.object({ category: categorySchema, ...talliesFields })),
        total: z.object(talliesFields),
      }),
    ),
    budget: z
      .array(
        z.object({
          currency: z.string(),
          categories: z.array(z.object({ category: categorySchema, ...comparisonFields })),
          total: z.object(comparisonFields),
        }),
      )
      .openapi({
        description:
          "Per currency of the event's budget lines: each line's plan against the category's committed expenses, and the plan's total against all of them (vendor contracts: see the budget)",
      }),
  })
  .openapi('ExpenseSummary');
