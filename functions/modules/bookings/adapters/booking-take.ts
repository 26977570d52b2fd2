import {
  DeleteItemCommand,
  type DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { DomainError } from '../../../kernel/domain/errors.js';
import { type RetryPolicy, retryTransient } from '../../../kernel/dynamo/retry.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { commitTransaction, isConditionFailure } from '../../../kernel/dynamo/transactions.js';
import { claimDropped, claimPut } from '../../catalog/index.js';
import { counterBucket } from '../domain/model.js';
import type { NewBooking } from '../domain/ports.js';
import { capacityReleased } from './booking-records.js';
import { counterTake } from './booking-tx-items.js';

/**
 * The single writes of a general-admission booking around its transaction (counter-claims.ts in
 * the catalog says why they keep every race): its claim, its take of places from one counter
 * item, and, when the transaction does not commit, the places given back and the claim dropped.
 */
export const bookingTake = (service: EventlyService, client: DynamoDBClient, table: string) => {
  /**
   * The claim, made before any place is taken. Already there is ours: the SDK sent the put again
   * after an answer that was lost (booking ids are never reused).
   */
  const claim = async (nb: NewBooking): Promise<void> => {
    const b = nb.booking;
    try {
      await retryTransient(() =>
        client.send(new PutItemCommand(claimPut(table, b, b.bookingId, b.createdAt))),
      );
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
  };

  /** Takes the places from counter item `shard`: false when its conditions refuse. */
  const take = async (nb: NewBooking, shard: number, policy: RetryPolicy): Promise<boolean> => {
    try {
      await retryTransient(() => client.send(new UpdateItemCommand(counterTake(table, nb, shard))), policy);
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  };

  /**
   * Places taken from counter item `shard` by a booking that did not commit, given back: to that
   * item while nobody waits, else to the main counter with the notice that lets the waiting line be
   * offered them (a shard gets no places while anyone waits). A gone counter (the session was
   * removed) takes nothing back.
   */
  const giveBack = async (nb: NewBooking, shard: number): Promise<void> => {
    const b = nb.booking;
    const bucket = counterBucket(b.status);
    const ref = { orgId: b.orgId, sessionId: b.sessionId };
    const back = await retryTransient(() =>
      commitTransaction(service, (tx) => {
        const main = tx.sessionCounter.patch(ref);
        if (shard === 0) {
          return [
            {
              label: 'counter',
              write: main
                .add({ available: b.seats, version: 1 })
                .subtract({ [bucket]: b.seats })
                .where((a, { eq, notExists }) => `${notExists(a.waiting)} OR ${eq(a.waiting, 0)}`)
                .commit(),
              fails: 'refused',
            },
          ];
        }
        return [
          {
            label: 'counter',
            write: tx.sessionCounterShard
              .patch({ ...ref, shard })
              .add({ available: b.seats, version: 1 })
              .subtract({ [bucket]: b.seats })
              .commit(),
            fails: 'refused',
          },
          {
            label: 'line',
            write: tx.sessionCounter
              .check(ref)
              .where((a, { eq, notExists }) => `${notExists(a.waiting)} OR ${eq(a.waiting, 0)}`)
              .commit(),
            fails: 'refused',
          },
        ];
      }),
    );
    // Refused on the main counter: someone waits (or it is gone, and the next write is refused too).
    if (back.committed || (shard !== 0 && !back.failed.has('line'))) return;
    await retryTransient(() =>
      commitTransaction(service, (tx) => [
        {
          label: 'counter',
          write: tx.sessionCounter
            .patch(ref)
            .add({ available: b.seats, version: 1 })
            .subtract({ [bucket]: b.seats })
            .commit(),
          fails: 'refused',
        },
        { label: 'released', write: capacityReleased(tx, b) },
      ]),
    );
  };

  /** The claim of a booking that did not commit (absent is fine). */
  const drop = (nb: NewBooking): Promise<unknown> => {
    const b = nb.booking;
    return retryTransient(() => client.send(new DeleteItemCommand(claimDropped(table, b, b.bookingId))));
  };

  return { claim, take, giveBack, drop };
};

/**
 * True when an error of the booking transaction says it did not commit: cancelled (a condition,
 * a conflict, a throttle), or refused for throughput. A timeout or a server error may hide a
 * commit: then the places stay taken (the session's counters are recounted from the bookings).
 */
export const surelyNotCommitted = (err: unknown): boolean => {
  const refusals = new Set([
    'TransactionCanceledException',
    'TransactionConflictException',
    'ThrottlingException',
    'ProvisionedThroughputExceededException',
    'RequestLimitExceeded',
  ]);
  let e: unknown = err;
  const seen = new Set<unknown>();
  let last: unknown = err;
  while (e && typeof e === 'object' && !seen.has(e)) {
    seen.add(e);
    last = e;
    e = (e as { cause?: unknown }).cause;
  }
  return last instanceof DomainError || refusals.has((last as { name?: string } | undefined)?.name ?? '');
};
