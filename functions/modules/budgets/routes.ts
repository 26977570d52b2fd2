import { eventParams } from '../../kernel/contracts/common.js';
import { reply, routeGroup } from '../../kernel/http/route-group.js';
import {
  budgetLineParams,
  budgetLineSchema,
  budgetReportSchema,
  putBudgetLineBody,
} from './contracts/budgets.js';

const base = '/v1/orgs/{orgId}/events/{eventId}/budget';

/**
 * An event's budget (docs/budgets.md), served by `catalog` for now (the back office's own function
 * takes it later): a line per category, read against the approved expenses and signed contracts.
 */
export const budgetRoutes = routeGroup({ function: 'operations', auth: 'jwt', tag: 'Budgets' }, [
  {
    operationId: 'getBudget',
    method: 'GET',
    path: base,
    summary:
      "The event's budget lines with their actuals (approved and paid expenses, signed and paid contracts), over-budget flags and totals per currency",
    params: eventParams,
    success: reply(200, 'The budget', budgetReportSchema),
    problems: [403, 404],
  },
  {
    operationId: 'putBudgetLine',
    method: 'PUT',
    path: `${base}/lines/{category}`,
    summary: "Set the category's budget line (planned amount and currency)",
    params: budgetLineParams,
    body: putBudgetLineBody,
    success: reply(200, 'The line', budgetLineSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'deleteBudgetLine',
    method: 'DELETE',
    path: `${base}/lines/{category}`,
    summary: "Remove the category's budget line",
    params: budgetLineParams,
    success: reply(204, 'Deleted'),
    problems: [403, 404],
  },
]);
