import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound, transitionRefused } from '../../../kernel/domain/errors.js';
import { newId } from '../../../kernel/domain/ids.js';
import { givenFields } from '../../../kernel/domain/patch.js';
import { isAllowed } from '../../../kernel/domain/permissions.js';
import type { Member, Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import { eventForChange, eventForRead } from '../../catalog/index.js';
import { type Expense, type ExpenseCategory, type ExpenseStatus, expenseMoves } from './model.js';
import type { ExpenseFilter } from './ports.js';

/**
 * Expenses of an event: members who may submit them (`expense.submit`) do; those who may approve
 * them (`expense.approve`) approve, reject and mark them paid, but never decide their own. A
 * pending expense may be edited by its submitter or an approver; a decided one by nobody.
 */

export interface ExpenseInput {
  name: string;
  category: ExpenseCategory;
  description?: string | null | undefined;
  amountMinor: number;
  currency: string;
  vendorName?: string | null | undefined;
  invoiceNumber?: string | null | undefined;
  receiptUrl?: string | null | undefined;
  invoiceUrl?: string | null | undefined;
}

export type ExpenseChange = Partial<ExpenseInput>;

type ExpenseWriteDeps = Pick<Deps, 'expenses' | 'events' | 'clock'> & AccessDeps;
type ExpenseReadDeps = Pick<Deps, 'expenses' | 'events'> & AccessDeps;

/** Writes that lose to a concurrent write of the same expense read it again, a few times. */
const attempts = 5;

export const createExpense = async (
  deps: ExpenseWriteDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  input: ExpenseInput,
): Promise<Expense> => {
  await authorize(deps, orgId, principal, 'expense.submit');
  await eventForChange(deps, orgId, eventId);
  const now = deps.clock.now().toISOString();
  const expense: Expense = {
    orgId,
    eventId,
    expenseId: newId('exp'),
    submittedBy: principal.sub,
    name: input.name,
    category: input.category,
    description: input.description ?? null,
    amountMinor: input.amountMinor,
    currency: input.currency,
    vendorName: input.vendorName ?? null,
    invoiceNumber: input.invoiceNumber ?? null,
    receiptUrl: input.receiptUrl ?? null,
    invoiceUrl: input.invoiceUrl ?? null,
    status: 'pending',
    decidedBy: null,
    decidedAt: null,
    rejectionReason: null,
    paidBy: null,
    paymentDate: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await deps.expenses.create(expense);
  return expense;
};

const existingExpense = async (
  deps: Pick<Deps, 'expenses'>,
  orgId: string,
  eventId: string,
  expenseId: string,
): Promise<Expense> => {
  const expense = await deps.expenses.get(orgId, eventId, expenseId);
  if (!expense) throw notFound('expense');
  return expense;
};

export const getExpense = async (
  deps: ExpenseReadDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  expenseId: string,
): Promise<Expense> => {
  await authorize(deps, orgId, principal, 'expense.read');
  await eventForRead(deps, orgId, eventId);
  return existingExpense(deps, orgId, eventId, expenseId);
};

export const listExpenses = async (
  deps: ExpenseReadDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  filter: ExpenseFilter,
  page: PageRequest,
): Promise<Page<Expense>> => {
  await authorize(deps, orgId, principal, 'expense.read');
  await eventForRead(deps, orgId, eventId);
  return deps.expenses.list(orgId, eventId, filter, page);
};

/**
 * Reads the expense, asks `next` for its new form (or for the stored one when nothing is to
 * change) and writes it conditionally on what was read; a write that lost reads again.
 */
const writeGuarded = async (
  deps: Pick<Deps, 'expenses'>,
  orgId: string,
  eventId: string,
  expenseId: string,
  next: (before: Expense) => Expense | undefined,
): Promise<Expense> => {
  for (let i = 0; i < attempts; i++) {
    const before = await existingExpense(deps, orgId, eventId, expenseId);
    const after = next(before);
    if (!after) return before;
    if (await deps.expenses.save(before, after)) return after;
  }
  throw new DomainError('TEMPORARILY_UNAVAILABLE', 'the expense kept changing; retry shortly');
};

const mayEdit = (actor: Member, expense: Expense): boolean =>
  expense.submittedBy === actor.userId || isAllowed(actor.role, 'expense.approve');

export const updateExpense = async (
  deps: ExpenseWriteDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  expenseId: string,
  change: ExpenseChange,
): Promise<Expense> => {
  const { actor } = await authorize(deps, orgId, principal, 'expense.submit');
  await eventForChange(deps, orgId, eventId);
  return writeGuarded(deps, orgId, eventId, expenseId, (before) => {
    if (!mayEdit(actor, before))
      throw new DomainError('FORBIDDEN', 'only the submitter or an approver may edit an expense', {
        action: 'expense.approve',
      });
    if (before.status !== 'pending')
      throw new DomainError(
        'EXPENSE_NOT_PENDING',
        `the expense is ${before.status}: only a pending one can be edited`,
        {
          currentStatus: before.status,
        },
      );
    return {
      ...before,
      ...givenFields(change),
      version: before.version + 1,
      updatedAt: deps.clock.now().toISOString(),
    };
  });
};

/**
 * Moves the expense to `to` with `facts`. Asked again once it is there, it answers the expense as
 * it is and writes nothing (a retried approve changes nothing twice). An approval or rejection by
 * the expense's submitter is refused: SELF_APPROVAL.
 */
const move = async (
  deps: ExpenseWriteDeps,
  principal: Principal,
  at: { orgId: string; eventId: string; expenseId: string },
  to: ExpenseStatus,
  facts: (now: string) => Partial<Expense>,
): Promise<Expense> => {
  await authorize(deps, at.orgId, principal, 'expense.approve');
  await eventForChange(deps, at.orgId, at.eventId);
  return writeGuarded(deps, at.orgId, at.eventId, at.expenseId, (before) => {
    const deciding = to === 'approved' || to === 'rejected';
    if (deciding && before.submittedBy === principal.sub)
      throw new DomainError(
        'SELF_APPROVAL',
        'an expense is approved or rejected by someone other than its submitter',
      );
    if (before.status === to) return undefined;
    if (!expenseMoves[before.status].includes(to))
      throw transitionRefused('expense', before.status, to, expenseMoves[before.status]);
    const now = deps.clock.now().toISOString();
    return { ...before, ...facts(now), status: to, version: before.version + 1, updatedAt: now };
  });
};

export interface ExpenseRef {
  orgId: string;
  eventId: string;
  expenseId: string;
}

export const approveExpense = (
  deps: ExpenseWriteDeps,
  principal: Principal,
  at: ExpenseRef,
): Promise<Expense> =>
  move(deps, principal, at, 'approved', (now) => ({ decidedBy: principal.sub, decidedAt: now }));

export const rejectExpense = (
  deps: ExpenseWriteDeps,
  principal: Principal,
  at: ExpenseRef,
  reason: string,
): Promise<Expense> =>
  move(deps, principal, at, 'rejected', (now) => ({
    decidedBy: principal.sub,
    decidedAt: now,
    rejectionReason: reason,
  }));

/** Marks an approved expense paid on `paymentDate` (YYYY-MM-DD). */
export const payExpense = (
  deps: ExpenseWriteDeps,
  principal: Principal,
  at: ExpenseRef,
  paymentDate: string,
): Promise<Expense> => move(deps, principal, at, 'paid', () => ({ paidBy: principal.sub, paymentDate }));
