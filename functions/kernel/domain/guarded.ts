import { DomainError } from './errors.js';

/** Writes that lose to a concurrent write of the same item read it again, a few times. */
const attempts = 5;

/**
 * Reads the item, asks `next` for the write to make (undefined: nothing to change, the item is
 * answered as it is, so a retried request writes nothing twice) and commits it conditionally on
 * what was read; a commit that lost reads again.
 */
export const writeGuarded = async <T, W>(
  read: () => Promise<T>,
  next: (before: T) => W | undefined,
  commit: (write: W) => Promise<boolean>,
  result: (write: W) => T,
): Promise<T> => {
  for (let i = 0; i < attempts; i++) {
    const before = await read();
    const write = next(before);
    if (write === undefined) return before;
    if (await commit(write)) return result(write);
  }
  throw new DomainError('TEMPORARILY_UNAVAILABLE', 'the item kept changing; retry shortly');
};
