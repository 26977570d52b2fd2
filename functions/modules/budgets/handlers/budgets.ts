import { getContainer } from '../../../app/container.js';
import { noContent, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { deleteBudgetLine, getBudget, putBudgetLine } from '../domain/budgets.js';
import type { BudgetLine } from '../domain/model.js';

const deps = () => getContainer().deps;

const lineView = ({ orgId: _o, ...l }: BudgetLine) => l;

export const budgetHandlers = {
  getBudget: async ({ principal, params }) => {
    const report = await getBudget(deps(), principal, params.orgId, params.eventId);
    return ok({ ...report, lines: report.lines.map(lineView) });
  },
  putBudgetLine: async ({ principal, params, body }) =>
    ok(lineView(await putBudgetLine(deps(), principal, params.orgId, params.eventId, params.category, body))),
  deleteBudgetLine: async ({ principal, params }) => {
    await deleteBudgetLine(deps(), principal, params.orgId, params.eventId, params.category);
    return noContent();
  },
} satisfies Partial<RouteHandlers<'operations'>>;
