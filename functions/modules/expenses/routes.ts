import { eventParams } from '../../kernel/contracts/common.js';
import { reply, replyPage, routeGroup } from '../../kernel/http/route-group.js';
import {
  createExpenseBody,
  expenseListQuery,
  expenseParams,
  expenseSchema,
  expenseSummarySchema,
  payExpenseBody,
  rejectExpenseBody,
  updateExpenseBody,
} from './contracts/expenses.js';

const base = '/v1/orgs/{orgId}/events/{eventId}/expenses';

/**
 * An event's expenses (docs/expenses.md), served by `catalog` beside the event they belong to.
 * Organizers submit and read them; owners and admins approve, reject and pay them, never deciding
 * their own.
 */
export const expenseRoutes = routeGroup({ function: 'catalog', auth: 'jwt', tag: 'Expenses' }, [
  {
    operationId: 'createExpense',
    method: 'POST',
    path: base,
    summary: 'Submit an expense of the event (pending until approved or rejected)',
    params: eventParams,
    body: createExpenseBody,
    success: reply(201, 'Created', expenseSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'approveExpense',
    method: 'POST',
    path: `${base}/{expenseId}/approve`,
    summary:
      'Approve a pending expense (not by its submitter: 403 SELF_APPROVAL); asked again, answers the approved expense',
    params: expenseParams,
    success: reply(200, 'The approved expense', expenseSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'rejectExpense',
    method: 'POST',
    path: `${base}/{expenseId}/reject`,
    summary: 'Reject a pending expense with a reason (not by its submitter: 403 SELF_APPROVAL); final',
    params: expenseParams,
    body: rejectExpenseBody,
    success: reply(200, 'The rejected expense', expenseSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'payExpense',
    method: 'POST',
    path: `${base}/{expenseId}/pay`,
    summary: 'Mark an approved expense paid on a date; final',
    params: expenseParams,
    body: payExpenseBody,
    success: reply(200, 'The paid expense', expenseSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'listExpenses',
    method: 'GET',
    path: base,
    summary: "The event's expenses, optionally of one status or category",
    params: eventParams,
    query: expenseListQuery,
    success: replyPage('A page of expenses', expenseSchema, 'ExpensePage'),
    problems: [403, 404],
  },
  {
    operationId: 'getExpenseSummary',
    method: 'GET',
    path: `${base}/summary`,
    summary: "The event's expense totals per currency: by category and overall, per status",
    params: eventParams,
    success: reply(200, 'The totals', expenseSummarySchema),
    problems: [403, 404],
  },
  {
    operationId: 'getExpense',
    method: 'GET',
    path: `${base}/{expenseId}`,
    summary: 'Read an expense',
    params: expenseParams,
    success: reply(200, 'The expense', expenseSchema),
    problems: [403, 404],
  },
  {
    operationId: 'updateExpense',
    method: 'PATCH',
    path: `${base}/{expenseId}`,
    summary: 'Edit a pending expense (its submitter or an approver; 409 EXPENSE_NOT_PENDING once decided)',
    params: expenseParams,
    body: updateExpenseBody,
    success: reply(200, 'The updated expense', expenseSchema),
    problems: [403, 404, 409],
  },
]);
