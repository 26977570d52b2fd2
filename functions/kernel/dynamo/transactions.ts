import { DomainError } from '../domain/errors.js';

export interface TransactionOutcome {
  canceled: boolean;
  data: ReadonlyArray<{ rejected: boolean; code: string }>;
}

const transient = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);

/**
 * ElectroDB reports a cancelled transaction as a value, not an exception. This turns it into the
 * domain error of the first item whose condition failed (`reasons[i]` for item i), into
 * TEMPORARILY_UNAVAILABLE for conflicts and throttles, and never lets it pass as success.
 */
export const expectCommitted = (outcome: TransactionOutcome, reasons: ReadonlyArray<DomainError>): void => {
  if (!outcome.canceled) return;
  const failed = outcome.data.findIndex((d) => d.code === 'ConditionalCheckFailed');
  const reason = reasons[failed];
  if (failed >= 0 && reason) throw reason;
  if (outcome.data.some((d) => transient.has(d.code))) {
    throw new DomainError('TEMPORARILY_UNAVAILABLE', 'the change collided with another one; retry shortly');
  }
  throw new Error(`transaction cancelled: ${outcome.data.map((d) => d.code).join(', ')}`);
};

/** True for a single-item write whose ConditionExpression failed. */
export const isConditionFailure = (err: unknown): boolean => {
  const seen = new Set<unknown>();
  let e: unknown = err;
  while (e && typeof e === 'object' && !seen.has(e)) {
    seen.add(e);
    if ((e as { name?: string }).name === 'ConditionalCheckFailedException') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
};

/** Every item of a cancelled transaction whose condition failed (several can fail at once). */
/** Like `expectCommitted`, then lets `explain` turn the domain error into a more telling one. */
export const expectCommittedExplained = async (
  outcome: TransactionOutcome,
  reasons: ReadonlyArray<DomainError>,
  explain: (err: unknown) => Promise<unknown>,
): Promise<void> => {
  try {
    expectCommitted(outcome, reasons);
  } catch (err) {
    throw await explain(err);
  }
};

export const failedItems = (outcome: TransactionOutcome): number[] =>
  outcome.canceled ? outcome.data.flatMap((d, i) => (d.code === 'ConditionalCheckFailed' ? [i] : [])) : [];
