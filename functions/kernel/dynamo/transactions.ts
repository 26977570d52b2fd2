import { DomainError } from '../domain/errors.js';
import { retryTransient } from './retry.js';
import type { EventlyService } from './service.js';

/** The entities a transaction's items are built from. */
export type TxEntities = Parameters<Parameters<EventlyService['transaction']['write']>[0]>[0];

/** One ElectroDB transaction write (what `.commit()` of an entity operation answers). */
export type TxWrite = ReturnType<Parameters<EventlyService['transaction']['write']>[0]>[number];

/**
 * One item of a transaction, named so that a failed condition can be explained by what it guards.
 * `fails` says what a failure of its condition means: the domain error to throw, a function that
 * finds out (reading again) and answers the error, or `refused` when the caller answers the
 * refusal itself from the outcome. None when the condition cannot fail or should never fail.
 */
export interface TxItem<L extends string = string> {
  label: L;
  write: TxWrite;
  fails?: DomainError | (() => Promise<Error>) | 'refused' | undefined;
}

export interface TxOutcome<L extends string> {
  /** False only when the first failed item that says what its failure means is `refused`. */
  committed: boolean;
  /** The labels of every item whose condition failed (empty when it committed). */
  failed: ReadonlySet<L>;
}

const transient = new Set(['TransactionConflict', 'ThrottlingError', 'ProvisionedThroughputExceeded']);

/**
 * Commits the items built from `build` as one transaction. ElectroDB reports a cancelled
 * transaction as a value, not an exception; this turns it into the `fails` of the first failed
 * item that has one (answering `committed: false` for `refused`), into TEMPORARILY_UNAVAILABLE
 * for conflicts and throttles, and otherwise into an error: a cancelled transaction never passes
 * as success. A transaction cancelled only for a conflict or a throttle is sent again (a few
 * times, with jittered backoff) before that: in DynamoDB two writers of one item at once is
 * ordinary, and the second one's answer must be its own (a condition that now fails, or success),
 * not a 503.
 */
export const commitTransaction = <L extends string>(
  service: EventlyService,
  build: (tx: TxEntities) => ReadonlyArray<TxItem<L>>,
): Promise<TxOutcome<L>> => retryTransient(() => commitOnce(service, build));

const commitOnce = async <L extends string>(
  service: EventlyService,
  build: (tx: TxEntities) => ReadonlyArray<TxItem<L>>,
): Promise<TxOutcome<L>> => {
  let items: ReadonlyArray<TxItem<L>> = [];
  const outcome: { canceled: boolean; data: ReadonlyArray<{ code?: string }> } = await service.transaction
    .write((tx) => {
      items = build(tx);
      return items.map((i) => i.write);
    })
    .go();
  if (!outcome.canceled) return { committed: true, failed: new Set() };
  return cancelledOutcome(
    items,
    outcome.data.map((d) => d.code),
  );
};

/** What a transaction item's failure means, apart from its write (`commitTransactItems` sends its own). */
export type TxPart<L extends string = string> = Pick<TxItem<L>, 'label' | 'fails'>;

/**
 * The outcome of a cancelled transaction, from each item's cancellation code (in item order):
 * the rules of `commitTransaction`, shared with the low-level path (low-level-transaction.ts).
 */
export const cancelledOutcome = async <L extends string>(
  items: ReadonlyArray<TxPart<L>>,
  codes: ReadonlyArray<string | undefined>,
): Promise<TxOutcome<L>> => {
  const failedItems = items.filter((_, i) => codes[i] === 'ConditionalCheckFailed');
  const failed = new Set(failedItems.map((i) => i.label));
  const explained = failedItems.find((i) => i.fails !== undefined)?.fails;
  if (explained === 'refused') return { committed: false, failed };
  if (explained instanceof DomainError) throw explained;
  if (explained) throw await explained();
  if (codes.some((code) => transient.has(code ?? ''))) {
    throw new DomainError('TEMPORARILY_UNAVAILABLE', 'the change collided with another one; retry shortly');
  }
  throw new Error(`transaction cancelled: ${codes.join(', ')}`);
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

/** A single conditional write: false when its condition no longer held (dropped, not an error). */
export const unlessConditionFails = async (write: Promise<unknown>): Promise<boolean> => {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};
