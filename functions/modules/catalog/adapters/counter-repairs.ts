import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { commitTransaction } from '../../../kernel/dynamo/transactions.js';
import type { CounterReading, CounterRepairs } from '../domain/counter-repair-ports.js';
import { counterShardStore, sameCount } from './counter-shard-store.js';
import { aggregate } from './counter-shards.js';

/**
 * Reading a session's counter items as one, and correcting them, for the recount of counters from
 * bookings (bookings/domain/counter-reconciliation.ts says when a correction is safe). A
 * correction is one transaction conditional on every item's version as read: a booking's take, a
 * give-back, a move of places or a change of the session between the read and the write bumps one
 * of them, and the correction is refused instead of undoing it.
 */
export const dynamoCounterRepairs = (service: EventlyService): CounterRepairs => {
  const { session, sessionClaim } = service.entities;
  const shards = counterShardStore(service);

  return {
    async scheduledSessionIds(orgId, startingFrom) {
      const { data } = await session.query
        .byOrg({ orgId })
        .go({ pages: 'all', attributes: ['sessionId', 'startsAt', 'status', 'deleting'] });
      return data
        .filter((s) => s.status === 'scheduled' && !s.deleting && s.startsAt >= startingFrom)
        .map((s) => s.sessionId);
    },

    async read(ref) {
      const state = await shards.snapshot(ref);
      if (!state) return undefined;
      const sum = aggregate(state);
      return {
        available: sum.available,
        held: sum.held,
        confirmed: sum.confirmed,
        versions: state.shards.map((s) => s.version),
      };
    },

    async claims(ref, youngFrom) {
      const { data } = await sessionClaim.query
        .bySession(ref)
        .go({ consistent: true, pages: 'all', attributes: ['bookingId', 'at'] });
      return {
        young: data.filter((c) => c.at >= youngFrom).length,
        stale: data.filter((c) => c.at < youngFrom).map((c) => c.bookingId),
      };
    },

    async correct(ref, reading: CounterReading, excess) {
      const [mainVersion = 0, ...others] = reading.versions;
      const count = reading.versions.length;
      const { committed } = await commitTransaction(service, (tx) => [
        {
          label: 'counter',
          write: tx.sessionCounter
            .patch(ref)
            .add({ available: excess.held + excess.confirmed, version: 1 })
            .subtract({ held: excess.held, confirmed: excess.confirmed })
            .where(
              (a, { eq, notExists }) =>
                `${eq(a.version, mainVersion)} AND ${sameCount(a.shards, count, { eq, notExists })}`,
            )
            .commit(),
          fails: 'refused',
        },
        ...others.map((version, i) => ({
          label: 'counter shard',
          write: tx.sessionCounterShard
            .check({ ...ref, shard: i + 1 })
            .where((a, { eq }) => eq(a.version, version))
            .commit(),
          fails: 'refused' as const,
        })),
      ]);
      return committed;
    },

    async dropClaims(ref, bookingIds) {
      if (bookingIds.length > 0)
        await sessionClaim.delete(bookingIds.map((bookingId) => ({ ...ref, bookingId }))).go();
    },
  };
};
