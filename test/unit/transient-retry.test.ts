import { describe, expect, it } from 'vitest';
import { DomainError } from '../../functions/kernel/domain/errors.js';
import { retryTransient } from '../../functions/kernel/dynamo/retry.js';

/** Retries of transaction collisions and throttles: the answer after the last attempt keeps its cause. */

const throttled = () =>
  Object.assign(new Error('Rate of requests exceeds the allowed throughput'), {
    name: 'ThrottlingException',
  });

describe('retryTransient', () => {
  it('answers TEMPORARILY_UNAVAILABLE after its attempts, with the last throttle as the cause', async () => {
    const thrown: Error[] = [];
    const failure = await retryTransient(
      async () => {
        const err = throttled();
        thrown.push(err);
        throw err;
      },
      { attempts: 3, baseDelayMs: 0 },
    ).catch((e: unknown) => e);
    expect(thrown).toHaveLength(3);
    expect(failure).toBeInstanceOf(DomainError);
    expect(failure).toMatchObject({ code: 'TEMPORARILY_UNAVAILABLE', details: { attempts: 3 } });
    expect((failure as DomainError).cause).toBe(thrown[2]);
  });

  it('passes other errors through at once, without retrying', async () => {
    let calls = 0;
    const other = new DomainError('CAPACITY_EXHAUSTED', 'full');
    await expect(
      retryTransient(
        async () => {
          calls += 1;
          throw other;
        },
        { attempts: 3, baseDelayMs: 0 },
      ),
    ).rejects.toBe(other);
    expect(calls).toBe(1);
  });
});
