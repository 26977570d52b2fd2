import type { RoledItem } from './item-roles.js';

/**
 * Bookings per second in AWS, for one session and for one organization, from what the contention
 * model counted in a run (docs/performance.md, "Reading: on-sale night", explains the model):
 *
 * - Write units. An item takes at most `itemUnitsPerSecond` (1,000) write units a second. The run
 *   measured the write units each item took per confirmed booking; the session's hottest item
 *   bounds the session at 1,000 / its units per booking. Sharding spreads those units over the
 *   counter items.
 * - Conflicts. A counter item runs one transaction at a time: a try that arrives while another
 *   holds it is refused. A single server without a queue: at `a` tries a second on an item that
 *   each admitted one holds `h` seconds (the model's hold), the refused share is
 *   c = a h / (1 + a h) (Erlang's loss formula), and the item commits a (1 - c) = c / h a second.
 *   Only transactions hold an item: single writes (a general-admission booking's take) are applied
 *   in turn and refuse nothing. At R bookings a second, an item with t transactions per booking is
 *   held R t h of the time, and a counter try landing on it is refused that often (the loss
 *   formula's small-share form); averaged over the tries (each item weighted by its share of them,
 *   `heldPerTry`), the refused share of tries is R h sum(s t). When every booking writes its item
 *   in a transaction, t = s on each item, and for an even spread that is the item's own cap above.
 *   The transaction that opened a session's counter items (one on each, once per session, whatever
 *   the rate) does not recur with the bookings: it is counted apart (`openingTransactions`).
 *   How refused tries turn into 503s is measured: the function tries a booking several times
 *   before it answers 503, and the run's 503 share u against its refused share of tries c gives
 *   the number of tries that acted as independent ones, k = ln u / ln c (at least 1; a run without
 *   a 503 counts as one in its requests, u = 1 / requests, so k stays a lower bound). Keeping 503s
 *   under `unavailableBudget` allows c* = budget^(1 / k) on each try, so R <= c* / (h sum(s t)).
 * - The session: the lower of the two.
 * - The organization: sessions share no item (a booking writes its session's items and its
 *   buyer's), so `orgSessions` sessions sell side by side, bounded by the hottest item written that
 *   is neither (none, when the design holds).
 * - Before splits: the same write-unit bound with every item of a partition key counted together,
 *   as DynamoDB holds them until it splits a hot partition.
 */

export interface ProjectionInput {
  confirmedBookings: number;
  /** Length of the buying, seconds. */
  seconds: number;
  /** Share of booking transactions refused for a conflict; booking requests, and those answered 503. */
  tryConflictRate: number;
  requests: number;
  unavailable: number;
  items: readonly RoledItem[];
  holdMs: number;
  unavailableBudget: number;
  orgSessions: number;
  itemUnitsPerSecond: number;
}

export interface HotItem {
  label: string;
  writeUnitsPerBooking: number;
}

export interface Projection {
  /** Counter items the session's bookings wrote. */
  shards: number;
  /** Counter writes over the busiest counter's: the counter items' worth the spread achieved. */
  effectiveShards: number;
  /** Counter writes per confirmed booking (1 when every booking writes one counter item once). */
  counterWritesPerBooking: number;
  /** Of those, the ones made in transactions (which hold the item while they run), the opening left out. */
  counterTransactionsPerBooking: number;
  /** Transactions that opened the counter items: one on each when the session has several, once. */
  openingTransactions: number;
  /** Share of tries on the counter items refused for a conflict, in the run. */
  counterConflictRate: number;
  /** The share of counter tries the loss formula gives at the run's mean booking rate (items held by transactions). */
  modelConflictRateAtRunRate: number;
  /** Tries of a booking that acted as independent ones, from the run's 503 and conflict shares. */
  effectiveTries: number;
  /** Share of tries that may be refused with 503s kept under the budget. */
  toleratedConflictRate: number;
  /** What one counter item commits a second at that share (null: no hold, no bound). */
  commitsPerCounterPerSecond: number | null;
  hottestSessionItem: HotItem | null;
  hottestSharedItem: HotItem | null;
  /** Write units a confirmed booking took over the whole table. */
  writeUnitsPerBooking: number;
  bounds: { writeUnits: number | null; conflicts: number | null; sharedItem: number | null };
  perSecond: { session: number; organization: number };
  /** Write units a second the table takes at the organization's rate. */
  tableWriteUnitsPerSecond: number;
  /** The write-unit bound with partitions unsplit: their hottest keys and what they allow. */
  unsplit: {
    hottestSessionPartition: HotItem | null;
    hottestSharedPartition: HotItem | null;
    perSecond: { session: number; organization: number };
  };
}

const round = (value: number, digits = 0): number => Math.round(value * 10 ** digits) / 10 ** digits;

const minOf = (...values: (number | null)[]): number =>
  Math.min(...values.map((v) => v ?? Number.POSITIVE_INFINITY));

/** Infinite (nothing bounds it) reads as 0: no projection rather than an unbounded one. */
const finite = (value: number): number => (Number.isFinite(value) ? round(value) : 0);

const hottest = (
  entries: readonly { label: string; writeUnits: number }[],
  bookings: number,
): HotItem | null => {
  const top = entries.reduce<{ label: string; writeUnits: number } | null>(
    (best, e) => (e.writeUnits > (best?.writeUnits ?? 0) ? e : best),
    null,
  );
  return top ? { label: top.label, writeUnitsPerBooking: round(top.writeUnits / bookings, 4) } : null;
};

/** Items summed per partition key (labelled `table pk`). */
const partitions = (items: readonly RoledItem[]) => {
  const byKey = new Map<string, { label: string; writeUnits: number; session: boolean }>();
  for (const item of items) {
    const label = `${item.key.table} ${item.key.pk}`;
    const entry = byKey.get(label) ?? {
      label,
      writeUnits: 0,
      session: item.role === 'counter' || item.role === 'session',
    };
    entry.writeUnits += item.writeUnits;
    byKey.set(label, entry);
  }
  return [...byKey.values()];
};

/**
 * ln u / ln c, at least 1: how many of a booking's tries were as good as independent ones. No 503
 * in `requests` counts as one (the share is below 1 / requests); no conflict, or nothing but
 * conflicts, tells nothing, and counts as one try.
 */
export const effectiveTries = (conflictRate: number, unavailable: number, requests: number): number => {
  if (conflictRate <= 0 || conflictRate >= 1 || requests <= 0) return 1;
  const share = Math.max(unavailable, 1) / requests;
  return share >= 1 ? 1 : Math.max(1, Math.log(share) / Math.log(conflictRate));
};

const bookingsBound = (limit: number, hot: HotItem | null): number | null =>
  hot && hot.writeUnitsPerBooking > 0 ? limit / hot.writeUnitsPerBooking : null;

const counterLoad = (input: ProjectionInput) => {
  const items = input.items.filter((i) => i.role === 'counter');
  // Several items: each was opened by one transaction (counter-shard-store.ts, `openFrom`).
  const opening = items.length > 1 ? 1 : 0;
  const counters = items.map((i) => {
    const admitted = i.transactionalWrites + i.singleWrites;
    return {
      admitted,
      held: Math.max(0, i.transactionalWrites - opening),
      conflicts: i.conflicts,
      tries: admitted + i.conflicts + i.throttles,
    };
  });
  const sum = (pick: (c: (typeof counters)[number]) => number) => counters.reduce((n, c) => n + pick(c), 0);
  const most = (pick: (c: (typeof counters)[number]) => number) =>
    counters.reduce((n, c) => Math.max(n, pick(c)), 0);
  return {
    items: counters.length,
    openings: opening * counters.length,
    admitted: sum((c) => c.admitted),
    held: sum((c) => c.held),
    conflicts: sum((c) => c.conflicts),
    tries: sum((c) => c.tries),
    busiest: most((c) => c.admitted),
    /**
     * Transactions per booking on the item a booking's counter try lands on, averaged over the
     * tries (each item weighted by its share of them): at R bookings a second, a try finds its
     * item held R h times that.
     */
    heldPerTry: (bookings: number) => {
      const all = sum((c) => c.admitted);
      return all > 0 ? counters.reduce((n, c) => n + (c.admitted / all) * (c.held / bookings), 0) : 0;
    },
  };
};

export const project = (input: ProjectionInput): Projection => {
  const bookings = Math.max(1, input.confirmedBookings);
  const load = counterLoad(input);
  const holdSeconds = input.holdMs / 1000;
  // The loss formula at the run's mean rate: what independent arrivals would see, a counter try
  // finding its item held by a transaction (R h sum(s t), at the run's rate).
  const runRate = input.seconds > 0 ? bookings / input.seconds : 0;
  const tries = effectiveTries(input.tryConflictRate, input.unavailable, input.requests);
  const tolerated = input.unavailableBudget ** (1 / tries);
  const commitsPerCounter = holdSeconds > 0 ? tolerated / holdSeconds : null;

  const hottestSessionItem = hottest(
    input.items.filter((i) => i.role === 'counter' || i.role === 'session'),
    bookings,
  );
  const hottestSharedItem = hottest(
    input.items.filter((i) => i.role === 'shared'),
    bookings,
  );
  const writeBound = bookingsBound(input.itemUnitsPerSecond, hottestSessionItem);
  const heldPerTry = load.heldPerTry(bookings);
  const conflictBound = commitsPerCounter !== null && heldPerTry > 0 ? commitsPerCounter / heldPerTry : null;
  const sharedBound = bookingsBound(input.itemUnitsPerSecond, hottestSharedItem);
  const session = minOf(writeBound, conflictBound);
  const organization = minOf(session * input.orgSessions, sharedBound);
  const writeUnitsPerBooking = input.items.reduce((n, i) => n + i.writeUnits, 0) / bookings;

  const parts = partitions(input.items);
  const hottestSessionPartition = hottest(
    parts.filter((p) => p.session),
    bookings,
  );
  const hottestSharedPartition = hottest(
    parts.filter((p) => !p.session),
    bookings,
  );
  const unsplitSession = minOf(
    bookingsBound(input.itemUnitsPerSecond, hottestSessionPartition),
    conflictBound,
  );
  const unsplitOrganization = minOf(
    unsplitSession * input.orgSessions,
    bookingsBound(input.itemUnitsPerSecond, hottestSharedPartition),
  );

  return {
    shards: load.items,
    effectiveShards: load.busiest > 0 ? round(load.admitted / load.busiest, 2) : 0,
    counterWritesPerBooking: round(load.admitted / bookings, 2),
    counterTransactionsPerBooking: round(load.held / bookings, 4),
    openingTransactions: load.openings,
    counterConflictRate: load.tries > 0 ? round(load.conflicts / load.tries, 4) : 0,
    modelConflictRateAtRunRate: round(
      (runRate * holdSeconds * heldPerTry) / (1 + runRate * holdSeconds * heldPerTry),
      4,
    ),
    effectiveTries: round(tries, 2),
    toleratedConflictRate: round(tolerated, 4),
    commitsPerCounterPerSecond: commitsPerCounter === null ? null : round(commitsPerCounter, 1),
    hottestSessionItem,
    hottestSharedItem,
    writeUnitsPerBooking: round(writeUnitsPerBooking, 2),
    bounds: {
      writeUnits: writeBound === null ? null : round(writeBound),
      conflicts: conflictBound === null ? null : round(conflictBound),
      sharedItem: sharedBound === null ? null : round(sharedBound),
    },
    perSecond: { session: finite(session), organization: finite(organization) },
    tableWriteUnitsPerSecond: finite(organization * writeUnitsPerBooking),
    unsplit: {
      hottestSessionPartition,
      hottestSharedPartition,
      perSecond: { session: finite(unsplitSession), organization: finite(unsplitOrganization) },
    },
  };
};
