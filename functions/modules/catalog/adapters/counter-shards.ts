import type { CapacityCounter } from '../domain/session.js';

/**
 * A hot session's places split over several counter items, so that its bookings do not all write
 * one item (DynamoDB takes about 1,000 write units a second per item, and transactions touching
 * one item at once cancel each other).
 *
 * - Shard 0 is the session's main counter (`sessionCounter`): its capacity, the waiting count, how
 *   many shards are open (`shards`), and its own share of places. Shards 1..n-1
 *   (`sessionCounterShard`) hold a share of the places each.
 * - A booking takes places from one shard only. Each shard counts the places it hands out in the
 *   status the booking was made in (`held`, `confirmed`); every later step of a booking (confirm,
 *   cancel, expiry, refund) is counted on shard 0, whose `held` and `confirmed` can therefore go
 *   below zero on their own. The sums stay exact: capacity = sum of `available + held + confirmed`.
 * - Places that come free go back to shard 0, which alone serves the waiting line; shards 1..n-1
 *   get places only from shard 0 or from each other, and only while nobody waits (joining the line
 *   sweeps their places back to shard 0 in the same transaction), so a booking on them needs no
 *   look at the line.
 * - Shards are opened on demand by the first booking that finds its shard missing (or its main
 *   counter busy); a session under two shards' worth of places keeps one counter, and so does a
 *   seated one.
 */

export interface ShardPolicy {
  /** At most this many counter items per session (1: sharding off). */
  maxShards: number;
  /** One counter item per this many places. */
  placesPerShard: number;
}

export const defaultShardPolicy: ShardPolicy = { maxShards: 64, placesPerShard: 50 };

/**
 * How many counter items a session is split over: general admission only (a change of a seat map
 * checks up to 90 seats in its own transaction, which leaves no room for the items of a split
 * counter; seated sessions keep one).
 */
export const shardLimit = (
  session: { capacity: number; seating: { mode: string } },
  policy: ShardPolicy,
): number =>
  session.seating.mode !== 'general' || session.capacity < 2 * policy.placesPerShard
    ? 1
    : Math.max(1, Math.min(policy.maxShards, Math.floor(session.capacity / policy.placesPerShard)));

/** One counter item as read. */
export interface ShardState {
  shard: number;
  available: number;
  held: number;
  confirmed: number;
  version: number;
  eventStamp: string | undefined;
  sessionStamp: string | undefined;
}

/** Every open counter item of a session; `shards[0]` is the main counter. */
export interface CounterState {
  capacity: number;
  waiting: number;
  shards: ShardState[];
}

/** The session's counter as one: exact when `state` was read as one snapshot. */
export const aggregate = (state: CounterState): CapacityCounter => {
  const sum = (pick: (s: ShardState) => number) => state.shards.reduce((n, s) => n + pick(s), 0);
  return {
    capacity: state.capacity,
    available: sum((s) => s.available),
    held: sum((s) => s.held),
    confirmed: sum((s) => s.confirmed),
    version: sum((s) => s.version),
    waiting: state.waiting,
  };
};

/** Two reads agree when no item changed in between (every change bumps its item's version). */
export const sameVersions = (a: CounterState, b: CounterState): boolean =>
  a.shards.length === b.shards.length && a.shards.every((s, i) => s.version === b.shards[i]?.version);

/**
 * The places to move into `target` so that it holds `seats`: half of the richest other shard (so
 * the next dry shard finds some nearby), or more, from as many shards as it takes. Empty when the
 * other shards do not hold enough.
 */
export const refillPlan = (
  shards: readonly ShardState[],
  target: number,
  seats: number,
): { shard: number; places: number }[] => {
  const have = shards.find((s) => s.shard === target)?.available ?? 0;
  let need = seats - have;
  if (need <= 0) return [];
  const donors = shards.filter((s) => s.shard !== target && s.available > 0);
  donors.sort((a, b) => b.available - a.available);
  const plan: { shard: number; places: number }[] = [];
  for (const [i, d] of donors.entries()) {
    const places = Math.min(d.available, i === 0 ? Math.max(need, Math.floor(d.available / 2)) : need);
    plan.push({ shard: d.shard, places });
    need -= places;
    if (need <= 0) return plan;
  }
  return [];
};

/** The shares of `available` places over `count` new shards: equal, the rest staying in shard 0. */
export const openingShare = (available: number, total: number): number => Math.floor(available / total);
