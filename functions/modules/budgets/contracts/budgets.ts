import {
  amountMinorSchema,
  currencySchema,
  eventParams,
  freeText,
  stampFields,
} from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import { expenseCategorySchema } from '../../expenses/index.js';

/** An event's budget lines and the budget report (docs/budgets.md). */

export const budgetLineParams = eventParams.extend({ category: expenseCategorySchema });

export const putBudgetLineBody = z
  .strictObject({
    plannedMinor: amountMinorSchema.openapi({
      description: 'The planned amount, in minor units of `currency`',
    }),
    currency: currencySchema,
    notes: freeText(z.string().trim().max(2000), { multiline: true }).nullable().optional(),
  })
  .openapi('PutBudgetLine');

const comparison = {
  plannedMinor: z.number().int(),
  actualMinor: z.number().int(),
  remainingMinor: z.number().int().openapi({ description: 'planned minus actual: negative once over' }),
  overBudget: z.boolean().openapi({ description: 'actual exceeds planned' }),
  overByMinor: z.number().int().openapi({ description: 'by how much (0 within the plan)' }),
};

const actual = {
  category: expenseCategorySchema,
  currency: z.string(),
  expensesMinor: z.number().int().openapi({ description: 'approved and paid expenses' }),
  contractsMinor: z.number().int().openapi({ description: 'signed and paid vendor contracts' }),
};

export const budgetLineSchema = z
  .object({
    eventId: z.string(),
    category: expenseCategorySchema,
    plannedMinor: z.number().int(),
    currency: z.string(),
    notes: z.string().nullable(),
    ...stampFields,
  })
  .openapi('BudgetLine');

export const budgetReportSchema = z
  .object({
    eventId: z.string(),
    lines: z.array(budgetLineSchema.extend({ ...actual, ...comparison })),
    unplanned: z
      .array(z.object({ ...actual, actualMinor: z.number().int() }))
      .openapi({ description: 'Spending in a category (or currency) no line plans' }),
    totals: z
      .array(z.object({ currency: z.string(), ...comparison }))
      .openapi({ description: 'Per currency, never converted; actuals include unplanned spending' }),
  })
  .openapi('BudgetReport');
