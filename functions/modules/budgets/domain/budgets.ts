import type { Deps } from '../../../kernel/domain/deps.js';
import { authorizeForEvent, type EventAccessDeps } from '../../../kernel/domain/event-access.js';
import type { Principal } from '../../../kernel/domain/types.js';
import { eventForChange, eventForRead } from '../../catalog/index.js';
import type { ExpenseCategory } from '../../expenses/index.js';
import { committedContractStatuses } from '../../vendors/index.js';
import type { BudgetLine } from './model.js';
import { actualsOf, type BudgetReport, budgetReport } from './report.js';

/**
 * An event's budget: organizers (or the event's team with `manage_event`) set a line per category
 * and read the lines against what was spent (expenses through the expenses' port, contracts through
 * the vendor contracts' port), flagged when over.
 */

export interface BudgetLineInput {
  plannedMinor: number;
  currency: string;
  notes?: string | null | undefined;
}

/**
 * Sets the category's line (a PUT: the same request again writes the same line). The creation
 * time of a line already there is kept.
 */
export const putBudgetLine = async (
  deps: Pick<Deps, 'budgetLines' | 'events' | 'clock'> & EventAccessDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  category: ExpenseCategory,
  input: BudgetLineInput,
): Promise<BudgetLine> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'budget.manage');
  await eventForChange(deps, orgId, eventId);
  const now = deps.clock.now().toISOString();
  const before = await deps.budgetLines.get(orgId, eventId, category);
  const line: BudgetLine = {
    orgId,
    eventId,
    category,
    plannedMinor: input.plannedMinor,
    currency: input.currency,
    notes: input.notes ?? null,
    createdAt: before?.createdAt ?? now,
    updatedAt: now,
  };
  await deps.budgetLines.put(line);
  return line;
};

/** Removes the category's line; one that is not there is gone already (a retry answers the same). */
export const deleteBudgetLine = async (
  deps: Pick<Deps, 'budgetLines' | 'events'> & EventAccessDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  category: ExpenseCategory,
): Promise<void> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'budget.manage');
  await eventForRead(deps, orgId, eventId);
  await deps.budgetLines.remove(orgId, eventId, category);
};

/** The event's lines with their actuals and flags, what was spent without a line, totals per currency. */
export const getBudget = async (
  deps: Pick<Deps, 'budgetLines' | 'expenses' | 'vendorContracts' | 'events'> & EventAccessDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
): Promise<BudgetReport> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'budget.read');
  await eventForRead(deps, orgId, eventId);
  const [lines, expenses, contracts] = await Promise.all([
    deps.budgetLines.list(orgId, eventId),
    deps.expenses.totals(orgId, eventId),
    deps.vendorContracts.listByStatus(orgId, eventId, committedContractStatuses),
  ]);
  return budgetReport(eventId, lines, actualsOf(expenses, contracts));
};
