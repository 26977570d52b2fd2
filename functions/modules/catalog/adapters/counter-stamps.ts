import { retryTransient } from '../../../kernel/dynamo/retry.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { unlessConditionFails } from '../../../kernel/dynamo/transactions.js';
import { voidClaims } from './counter-claims.js';
import { openShardCount } from './counter-shard-store.js';

/**
 * Telling a session's counter which version of its event is current. Bookings commit only while
 * the counter's `eventStamp` equals the event version they were priced on, so a change of the
 * event (terms, status, deleting) reaches bookings through each session's own counter, never
 * through the event item every booking of the event would share.
 *
 * Stamps only move forward (event versions are increasing ISO times): a late writer of an older
 * version never undoes a newer one.
 */
/** The condition of a stamp that only moves forward: none yet, or an older one. */
const forwardOnly = <A>(
  current: A,
  stamp: string,
  ops: { notExists: (a: A) => string; lt: (a: A, v: string) => string },
): string => `${ops.notExists(current)} OR ${ops.lt(current, stamp)}`;

export const counterStamps = (service: EventlyService) => {
  const { sessionCounter, sessionCounterShard, session } = service.entities;

  /**
   * Every counter item of the session: the main one first, then (read after it) the shards it
   * names, so a shard opened before the main counter was stamped is stamped too, and one opened
   * after copies the new stamp from it. False when the main counter already had this version or a
   * newer one, or is gone.
   */
  // Retried: a booking's transaction holding an item makes this write conflict, often so.
  const stampCounter = async (orgId: string, sessionId: string, stamp: string): Promise<boolean> => {
    const ref = { orgId, sessionId };
    const changed = await retryTransient(() =>
      unlessConditionFails(
        sessionCounter
          .patch(ref)
          .set({ eventStamp: stamp })
          .where(({ eventStamp }, ops) => forwardOnly(eventStamp, stamp, ops))
          .go(),
      ),
    );
    const count = (await openShardCount(service, ref)) ?? 1;
    await Promise.all(
      Array.from({ length: count - 1 }, (_, i) =>
        retryTransient(() =>
          unlessConditionFails(
            sessionCounterShard
              .patch({ ...ref, shard: i + 1 })
              .set({ eventStamp: stamp })
              .where(({ eventStamp }, ops) => forwardOnly(eventStamp, stamp, ops))
              .go(),
          ),
        ),
      ),
    );
    await voidClaims(service, ref);
    return changed;
  };

  /** Every session of the event, a page at a time, ten counters at once. */
  const stampEventCounters = async (orgId: string, eventId: string, stamp: string): Promise<void> => {
    let cursor: string | null = null;
    do {
      const page: { data: { sessionId: string }[]; cursor: string | null } = await session.query
        .byEvent({ orgId, eventId })
        .go({ limit: 100, cursor, attributes: ['sessionId'] });
      const ids = page.data.map((d) => d.sessionId);
      for (let i = 0; i < ids.length; i += 10) {
        await Promise.all(ids.slice(i, i + 10).map((id) => stampCounter(orgId, id, stamp)));
      }
      cursor = page.cursor;
    } while (cursor);
  };

  return { stampCounter, stampEventCounters };
};
