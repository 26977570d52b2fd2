import { isTransient } from '../../../kernel/dynamo/retry.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import {
  commitTransaction,
  isConditionFailure,
  type TxEntities,
  type TxItem,
} from '../../../kernel/dynamo/transactions.js';
import {
  type CounterState,
  openingShare,
  refillPlan,
  type ShardState,
  sameVersions,
} from './counter-shards.js';

/**
 * Reading and moving the places of a session's counter items (counter-shards.ts says why and
 * how). Every move is one transaction conditional on what it takes from, so no place is ever
 * counted twice or lost, and none lands on shards 1..n-1 while anyone waits.
 */

interface Ref {
  orgId: string;
  sessionId: string;
}

type ShardLabel = 'main' | `shard:${number}`;

/** How many counter items the session's places are split over; undefined when its counter is gone. */
export const openShardCount = async (service: EventlyService, ref: Ref): Promise<number | undefined> => {
  const { data } = await service.entities.sessionCounter
    .get(ref)
    .go({ consistent: true, attributes: ['shards', 'capacity'] });
  return data ? (data.shards ?? 1) : undefined;
};

/**
 * The counter items' part in a change of their session: its new version on every item, the main
 * counter's write conditional on no shard having opened since `count` was read (so none is missed).
 */
export const stampItems = (tx: TxEntities, ref: Ref, count: number, sessionStamp: string): TxItem[] => [
  {
    label: 'counter',
    write: tx.sessionCounter
      .patch(ref)
      .set({ sessionStamp })
      .where((a, { eq, notExists }) => sameCount(a.shards, count, { eq, notExists }))
      .commit(),
    fails: 'refused',
  },
  ...Array.from({ length: count - 1 }, (_, i) => ({
    label: 'counter shard',
    write: tx.sessionCounterShard
      .patch({ ...ref, shard: i + 1 })
      .set({ sessionStamp })
      .commit(),
  })),
];

/** The condition that the main counter still has `count` items open. */
export const sameCount = <A>(
  shards: A,
  count: number,
  ops: { eq: (a: A, v: number) => string; notExists: (a: A) => string },
): string => (count === 1 ? `(${ops.notExists(shards)} OR ${ops.eq(shards, 1)})` : ops.eq(shards, count));

/**
 * Runs a change of the session that writes its counter items (`commit`, given how many are open),
 * again when it was refused because a shard opened in between.
 */
export const withOpenCount = async <L extends string>(
  service: EventlyService,
  ref: Ref,
  commit: (count: number) => Promise<{ committed: boolean; failed: ReadonlySet<L | 'counter'> }>,
): Promise<{ committed: boolean; failed: ReadonlySet<L | 'counter'> }> => {
  for (let i = 0; ; i += 1) {
    const count = (await openShardCount(service, ref)) ?? 1;
    const outcome = await commit(count);
    if (outcome.committed || !outcome.failed.has('counter') || i === 4) return outcome;
    const now = await openShardCount(service, ref);
    if (now === undefined || now === count) return outcome;
  }
};

export const counterShardStore = (service: EventlyService) => {
  const { sessionCounter, sessionCounterShard } = service.entities;

  /** Every open counter item, each strongly consistent (not one snapshot: see `snapshot`). */
  const read = async (ref: Ref): Promise<CounterState | undefined> => {
    const { data: main } = await sessionCounter.get(ref).go({ consistent: true });
    if (!main) return undefined;
    const count = main.shards ?? 1;
    const shards: ShardState[] = [
      {
        shard: 0,
        available: main.available,
        held: main.held,
        confirmed: main.confirmed,
        version: main.version,
        eventStamp: main.eventStamp,
        sessionStamp: main.sessionStamp,
      },
    ];
    if (count > 1) {
      let keys = Array.from({ length: count - 1 }, (_, i) => ({ ...ref, shard: i + 1 }));
      const found: ShardState[] = [];
      while (keys.length > 0) {
        const { data, unprocessed } = await sessionCounterShard.get(keys).go({ consistent: true });
        for (const s of data) {
          found.push({
            shard: s.shard,
            available: s.available,
            held: s.held,
            confirmed: s.confirmed,
            version: s.version,
            eventStamp: s.eventStamp,
            sessionStamp: s.sessionStamp,
          });
        }
        keys = unprocessed.map((k) => ({ ...ref, shard: Number(k.shard) }));
      }
      shards.push(...found.sort((a, b) => a.shard - b.shard));
    }
    return { capacity: main.capacity, waiting: main.waiting ?? 0, shards };
  };

  /**
   * The counter items as of one instant: read until two reads in a row agree on every item's
   * version (then nothing changed between the end of the first and the start of the second), at
   * most a few times; under a steady stream of bookings the last read is answered, off by at most
   * the places in flight between two items at that moment.
   */
  const snapshot = async (ref: Ref): Promise<CounterState | undefined> => {
    let last = await read(ref);
    if (!last || last.shards.length === 1) return last;
    for (let i = 0; i < 4; i += 1) {
      const next = await read(ref);
      if (!next || sameVersions(last, next)) return next;
      last = next;
    }
    return last;
  };

  /** The change of one counter item's `available` (and version), for a transaction. */
  const moveItem = (tx: TxEntities, ref: Ref, shard: number, places: number, noneWaitingHere: boolean) => {
    if (shard === 0) {
      const patch = tx.sessionCounter.patch(ref).add({ available: places, version: 1 });
      return places < 0 || noneWaitingHere
        ? patch
            .where((a, { gte, eq, notExists }) =>
              [
                ...(places < 0 ? [gte(a.available, -places)] : []),
                ...(noneWaitingHere ? [`(${notExists(a.waiting)} OR ${eq(a.waiting, 0)})`] : []),
              ].join(' AND '),
            )
            .commit()
        : patch.commit();
    }
    const patch = tx.sessionCounterShard.patch({ ...ref, shard }).add({ available: places, version: 1 });
    return places < 0 ? patch.where((a, { gte }) => gte(a.available, -places)).commit() : patch.commit();
  };

  /** Nobody waits: a condition on the main counter, for a move that does not write it. */
  const noneWaitingCheck = (tx: TxEntities, ref: Ref) =>
    tx.sessionCounter
      .check(ref)
      .where((a, { eq, notExists }) => `${notExists(a.waiting)} OR ${eq(a.waiting, 0)}`)
      .commit();

  /**
   * Moves places into `target` from the shards with most, so that it holds `seats`. False when the
   * shards hold too few, somebody waits, or an item moved since read (the caller reads again).
   */
  const refill = async (ref: Ref, state: CounterState, target: number, seats: number): Promise<boolean> => {
    const plan = refillPlan(state.shards, target, seats);
    if (plan.length === 0 || state.waiting > 0) return false;
    const moved = plan.reduce((n, p) => n + p.places, 0);
    const touchesMain = target === 0 || plan.some((p) => p.shard === 0);
    const { committed } = await commitTransaction<ShardLabel>(service, (tx) => [
      ...plan.map((p) => ({
        label: (p.shard === 0 ? 'main' : `shard:${p.shard}`) as ShardLabel,
        write: moveItem(tx, ref, p.shard, -p.places, p.shard === 0 && target !== 0),
        fails: 'refused' as const,
      })),
      {
        label: (target === 0 ? 'main' : `shard:${target}`) as ShardLabel,
        write: moveItem(tx, ref, target, moved, false),
        fails: 'refused' as const,
      },
      ...(touchesMain
        ? []
        : [{ label: 'main' as const, write: noneWaitingCheck(tx, ref), fails: 'refused' as const }]),
    ]);
    return committed;
  };

  const claimOpening = async (ref: Ref, opened: number): Promise<boolean> => {
    const now = Date.now();
    try {
      await sessionCounter
        .patch(ref)
        .set({ openingAt: new Date(now).toISOString() })
        .where(
          (a, { eq, lt, notExists }) =>
            `${sameCount(a.shards, opened, { eq, notExists })} AND ` +
            `(${notExists(a.openingAt)} OR ${lt(a.openingAt, new Date(now - 5_000).toISOString())})`,
        )
        .go();
      return true;
    } catch (err) {
      if (isConditionFailure(err) || isTransient(err)) return false;
      throw err;
    }
  };

  /**
   * Opens shards up to `count`, each with an equal share of the main counter's places, stamped
   * with the versions the main counter carries. False when the main counter moved since read
   * (another booking opened them first, or a change of the session or event landed).
   */
  const open = async (ref: Ref, state: CounterState, count: number): Promise<boolean> => {
    const opened = state.shards.length;
    if (count <= opened || state.waiting > 0) return false;
    // Many first buyers find the shards missing at once: one claims the opening with a write of one
    // item, the others lose that claim instead of a transaction of `count` items (whose refused
    // writes are billed too). A claim older than a few seconds (its booking died) may be taken over.
    if (!(await claimOpening(ref, opened))) return false;
    // Bookings on the main counter go on meanwhile: the shares come from a fresh read, a few times.
    for (let i = 0; i < 3; i += 1) {
      const { data: main } = await sessionCounter.get(ref).go({ consistent: true });
      if (!main || (main.shards ?? 1) !== opened || (main.waiting ?? 0) > 0) return false;
      if (await openFrom(ref, main, opened, count)) return true;
    }
    return false;
  };

  const openFrom = async (
    ref: Ref,
    main: { available: number; eventStamp?: string | undefined; sessionStamp?: string | undefined },
    opened: number,
    count: number,
  ): Promise<boolean> => {
    const share = openingShare(main.available, count);
    const added = count - opened;
    const { committed } = await commitTransaction<ShardLabel>(service, (tx) => [
      {
        label: 'main',
        write: tx.sessionCounter
          .patch(ref)
          .set({ shards: count })
          .add({ version: 1 })
          .subtract({ available: share * added })
          .where((a, { eq, gte, notExists }) =>
            [
              // At least the places it hands out: bookings on the main counter go on meanwhile.
              gte(a.available, share * added),
              `(${notExists(a.waiting)} OR ${eq(a.waiting, 0)})`,
              sameCount(a.shards, opened, { eq, notExists }),
              main.eventStamp === undefined ? notExists(a.eventStamp) : eq(a.eventStamp, main.eventStamp),
              main.sessionStamp === undefined
                ? notExists(a.sessionStamp)
                : eq(a.sessionStamp, main.sessionStamp),
            ].join(' AND '),
          )
          .commit(),
        fails: 'refused',
      },
      ...Array.from({ length: added }, (_, i) => ({
        label: `shard:${opened + i}` as ShardLabel,
        write: tx.sessionCounterShard
          .create({
            ...ref,
            shard: opened + i,
            available: share,
            held: 0,
            confirmed: 0,
            version: 0,
            ...(main.eventStamp !== undefined ? { eventStamp: main.eventStamp } : {}),
            ...(main.sessionStamp !== undefined ? { sessionStamp: main.sessionStamp } : {}),
          })
          .commit(),
        fails: 'refused' as const,
      })),
    ]);
    return committed;
  };

  /**
   * Sweeps every place of shards 1..n-1 back to the main counter, on the condition that none of
   * them changed since read (`version`), with `sessionStamp` when a change of the session goes with
   * it. Used by joining the waiting line (its places must all be where the line is served) and by
   * changes of the session's capacity or places (which check the sum on the main counter).
   */
  const sweepItems = (
    tx: TxEntities,
    ref: Ref,
    state: CounterState,
    sessionStamp?: string,
  ): { items: TxItem[]; swept: number } => {
    const others = state.shards.slice(1);
    return {
      swept: others.reduce((n, s) => n + s.available, 0),
      items: others.map((s) => ({
        label: 'counter shard',
        write: (sessionStamp !== undefined
          ? tx.sessionCounterShard.patch({ ...ref, shard: s.shard }).set({ sessionStamp })
          : tx.sessionCounterShard.patch({ ...ref, shard: s.shard })
        )
          .add({ version: 1 })
          .subtract({ available: s.available })
          .where((a, { eq }) => eq(a.version, s.version))
          .commit(),
        fails: 'refused' as const,
      })),
    };
  };

  return { read, snapshot, refill, open, sweepItems };
};

export type CounterShardStore = ReturnType<typeof counterShardStore>;
