import { getContainer } from '../../../app/container.js';
import { created, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import {
  approveExpense,
  createExpense,
  getExpense,
  listExpenses,
  payExpense,
  rejectExpense,
  updateExpense,
} from '../domain/expenses.js';
import { expenseSummary } from '../domain/summary.js';
import { expenseView } from './views.js';

const deps = () => getContainer().deps;

export const expenseHandlers = {
  createExpense: async ({ principal, params, body }) =>
    created(expenseView(await createExpense(deps(), principal, params.orgId, params.eventId, body))),
  listExpenses: async ({ principal, params, query }) => {
    const { status, category, ...page } = query;
    const result = await listExpenses(
      deps(),
      principal,
      params.orgId,
      params.eventId,
      { status, category },
      page,
    );
    return ok({ items: result.items.map(expenseView), nextCursor: result.nextCursor });
  },
  getExpense: async ({ principal, params }) =>
    ok(expenseView(await getExpense(deps(), principal, params.orgId, params.eventId, params.expenseId))),
  updateExpense: async ({ principal, params, body }) =>
    ok(
      expenseView(
        await updateExpense(deps(), principal, params.orgId, params.eventId, params.expenseId, body),
      ),
    ),
  approveExpense: async ({ principal, params }) =>
    ok(expenseView(await approveExpense(deps(), principal, params))),
  rejectExpense: async ({ principal, params, body }) =>
    ok(expenseView(await rejectExpense(deps(), principal, params, body.reason))),
  payExpense: async ({ principal, params, body }) =>
    ok(expenseView(await payExpense(deps(), principal, params, body.paymentDate))),
  getExpenseSummary: async ({ principal, params }) =>
    ok(await expenseSummary(deps(), principal, params.orgId, params.eventId)),
} satisfies Partial<RouteHandlers<'catalog'>>;
