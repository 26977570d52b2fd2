import type { Env } from '../../functions/kernel/env.js';
import type { ContentionCounters } from '../contention/counters.js';
import { type ContentionSummary, expectedShards, type OnsaleRun, type Sharding } from './figures.js';
import { roleKeysOf, withRoles } from './item-roles.js';
import type { OnsaleOptions } from './options.js';
import { project } from './projection.js';
import type { SoldOutFigures } from './sold-out-checks.js';
import type { CrowdTally } from './tally.js';

/**
 * One run's figures from its answers, the contention model's counters and the read-back. The
 * projection takes the counters as they stood when the session sold out: the refusals after it
 * (every buyer told "sold out", at a cost of their own, shown apart) sell nothing.
 */

/** 503s a tenant can live with, as the target puts it. */
const unavailableBudget = 0.01;
const itemUnitsPerSecond = 1_000;

const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

export interface RunInputs {
  sharding: Sharding;
  options: OnsaleOptions;
  env: Pick<Env, 'COUNTER_MAX_SHARDS' | 'COUNTER_PLACES_PER_SHARD'>;
  orgId: string;
  sessionId: string;
  buyerIds: readonly string[];
  tally: CrowdTally;
  /** The model's counters when the session sold out, and at the end. */
  counters: { selling: ContentionCounters; all: ContentionCounters };
  /** CPU of this process during the buying, ms. */
  cpuMs: number;
  soldOut: SoldOutFigures;
  localEndpoint: string;
  phases: OnsaleRun['phases'];
}

const summary = (c: ContentionCounters): ContentionSummary => {
  const transactions = c.requests.TransactWriteItems ?? 0;
  return {
    transactions,
    transactionConflicts: c.transactionConflicts,
    transactionThrottles: c.transactionThrottles,
    writeConflicts: c.writeConflicts,
    writeThrottles: c.writeThrottles,
    conflictRate: transactions ? round(c.transactionConflicts / transactions, 4) : 0,
    writeUnits: c.writeUnits,
  };
};

export const summarizeRun = async (r: RunInputs): Promise<Omit<OnsaleRun, 'invariants'>> => {
  const { tally, options } = r;
  const selling = summary(r.counters.selling);
  const all = summary(r.counters.all);
  const items = withRoles(r.counters.selling.items, roleKeysOf(r.orgId, r.sessionId, r.buyerIds));
  const sellingSeconds = tally.soldOutAtMs / 1000;
  const projection = project({
    confirmedBookings: tally.confirmedBookings,
    seconds: sellingSeconds,
    tryConflictRate: selling.conflictRate,
    requests: tally.requestsUntilSoldOut,
    unavailable: tally.unavailableUntilSoldOut,
    items,
    holdMs: options.holdMs,
    unavailableBudget,
    orgSessions: options.orgSessions,
    itemUnitsPerSecond,
  });
  const refusals = Math.max(1, tally.requests - tally.requestsUntilSoldOut);
  return {
    sharding: r.sharding,
    counterMaxShards: r.env.COUNTER_MAX_SHARDS,
    counterPlacesPerShard: r.env.COUNTER_PLACES_PER_SHARD,
    expectedShards: expectedShards(options.places, r.env.COUNTER_MAX_SHARDS, r.env.COUNTER_PLACES_PER_SHARD),
    goodput: sellingSeconds > 0 ? round(tally.confirmedBookings / sellingSeconds) : 0,
    confirmedPlacesPerSecond: sellingSeconds > 0 ? round(tally.confirmedPlaces / sellingSeconds) : 0,
    serviceUnavailableRate: tally.requests ? round(tally.unavailable / tally.requests, 4) : 0,
    p50Ms: tally.p50Ms,
    p99Ms: tally.p99Ms,
    oversold: r.soldOut.oversold,
    crowd: tally,
    soldOut: r.soldOut,
    contention: selling,
    afterSoldOut: {
      answers: tally.requests - tally.requestsUntilSoldOut,
      transactionsPerAnswer: round((all.transactions - selling.transactions) / refusals, 2),
      writeUnitsPerAnswer: round((all.writeUnits - selling.writeUnits) / refusals, 1),
    },
    processCpuMsPerBooking: round(r.cpuMs / Math.max(1, tally.confirmedBookings), 2),
    projectedPerSecond: projection.perSecond,
    projection,
    phases: r.phases,
  };
};
