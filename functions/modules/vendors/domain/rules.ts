import { type FieldIssue, transitionRefused } from '../../../kernel/domain/errors.js';
import { type ContractStatus, contractMoves, type Installment } from './model.js';

/**
 * The pure rules of a contract: its installments add up to its amount, its status moves only
 * along `contractMoves`.
 */

/** What is wrong with a contract's installments (empty: nothing); none at all is allowed. */
export const installmentIssues = (
  amountMinor: number,
  installments: readonly Installment[],
): FieldIssue[] => {
  if (installments.length === 0) return [];
  const issues: FieldIssue[] = [];
  const sum = installments.reduce((a, i) => a + i.amountMinor, 0);
  if (sum !== amountMinor)
    issues.push({
      field: 'installments',
      message: `the installments add up to ${sum}, the amount is ${amountMinor}`,
    });
  const days = installments.map((i) => i.dueDate);
  if (new Set(days).size !== days.length)
    issues.push({ field: 'installments', message: 'two installments are due on the same day' });
  return issues;
};

/** The installments in the order they fall due. */
export const byDueDate = (installments: readonly Installment[]): Installment[] =>
  [...installments].sort((a, b) => a.dueDate.localeCompare(b.dueDate));

/**
 * Whether a contract in `current` may become `requested`: false when it is there already (nothing
 * to do, a retry), true when allowed, else INVALID_TRANSITION naming the allowed moves.
 */
export const mustMove = (current: ContractStatus, requested: ContractStatus): boolean => {
  if (current === requested) return false;
  const allowed = contractMoves[current];
  if (allowed.includes(requested)) return true;
  throw transitionRefused('contract', current, requested, allowed);
};
