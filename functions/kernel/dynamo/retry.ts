import { DomainError } from '../domain/errors.js';

/** Errors DynamoDB answers when a request may well succeed a moment later. */
const transientNames = new Set([
  'TransactionConflictException',
  'TransactionInProgressException',
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'InternalServerError',
]);

export const isTransient = (err: unknown): boolean => {
  if (err instanceof DomainError) return err.code === 'TEMPORARILY_UNAVAILABLE';
  const seen = new Set<unknown>();
  let e: unknown = err;
  while (e && typeof e === 'object' && !seen.has(e)) {
    seen.add(e);
    if (transientNames.has((e as { name?: string }).name ?? '')) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
};

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
}

/** A hot counter collides often under load; a few quick retries absorb most collisions. */
export const transactionRetry: RetryPolicy = { attempts: 6, baseDelayMs: 25 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `write` (one transaction: all of it or nothing) again after a conflict or throttle, with
 * full-jitter exponential backoff so that colliding writers spread out; after the last attempt it
 * answers TEMPORARILY_UNAVAILABLE (503 with Retry-After).
 */
export const retryTransient = async <T>(write: () => Promise<T>, policy = transactionRetry): Promise<T> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (!isTransient(err)) throw err;
      if (attempt >= policy.attempts) {
        throw new DomainError(
          'TEMPORARILY_UNAVAILABLE',
          'the booking engine is busy; retry shortly',
          { attempts: attempt },
          { cause: err },
        );
      }
      await sleep(Math.random() * policy.baseDelayMs * 2 ** (attempt - 1));
    }
  }
};
