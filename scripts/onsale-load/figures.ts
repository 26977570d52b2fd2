import type { Machine } from '../booking-load/machine.js';
import type { OnsaleOptions } from './options.js';
import type { Projection } from './projection.js';
import type { SoldOutFigures } from './sold-out-checks.js';
import type { InvariantVerdict } from './table-invariants.js';
import type { CrowdTally } from './tally.js';

/** What one `npm run bench:onsale` measured (`--json` prints it). */

export type Sharding = 'on' | 'off';

export interface ContentionSummary {
  transactions: number;
  transactionConflicts: number;
  transactionThrottles: number;
  writeConflicts: number;
  writeThrottles: number;
  /** Share of booking transactions refused for a conflict. */
  conflictRate: number;
  writeUnits: number;
}

export interface OnsaleRun {
  sharding: Sharding;
  /** The counter settings the functions ran with (functions/kernel/env.ts). */
  counterMaxShards: number;
  counterPlacesPerShard: number;
  /** Counter items a session of these places gets by those settings. */
  expectedShards: number;
  /** Confirmed bookings a second, from the first request until the session sold out. */
  goodput: number;
  confirmedPlacesPerSecond: number;
  /** Share of booking requests answered 503 (after the function's own retries). */
  serviceUnavailableRate: number;
  p50Ms: number;
  p99Ms: number;
  /** Confirmed places beyond the session's places (must be 0). */
  oversold: number;
  crowd: CrowdTally;
  soldOut: SoldOutFigures;
  /** The invariant checker's verdict on the session, over the table after both runs. */
  invariants: InvariantVerdict;
  /** What the contention model did while places were left (the projection's input). */
  contention: ContentionSummary;
  /** The refusals once the session had sold out, and what each cost the table. */
  afterSoldOut: { answers: number; transactionsPerAnswer: number; writeUnitsPerAnswer: number };
  /** CPU of this process (handlers, proxy, load) per confirmed booking, ms. */
  processCpuMsPerBooking: number;
  projectedPerSecond: { session: number; organization: number };
  projection: Projection;
  /** Wall time of the run's parts: runtime, buyers, sessions and warm-up; buying; reading back. */
  phases: { setupSeconds: number; buyingSeconds: number; checkSeconds: number };
}

export interface OnsaleBenchFigures {
  machine: Machine;
  loadAverage1m: { start: number; end: number };
  options: Omit<OnsaleOptions, 'json' | 'write'>;
  /** The figures of the default configuration (sharding on), as the issue names them. */
  goodput: number;
  serviceUnavailableRate: number;
  p99Ms: number;
  /** Over both runs. */
  oversold: number;
  projectedPerSecond: { session: number; organization: number };
  runs: Record<Sharding, OnsaleRun>;
  targets: {
    maxServiceUnavailableRate: number;
    minSessionPerSecond: number;
    minOrganizationPerSecond: number;
    oversoldMet: boolean;
    serviceUnavailableMet: boolean;
    sessionMet: boolean;
    organizationMet: boolean;
  };
  elapsedSeconds: number;
  /** The invariant checker's read of the table, after both runs. */
  invariantCheckSeconds: number;
}

export const onsaleTargets = {
  maxServiceUnavailableRate: 0.01,
  minSessionPerSecond: 5_000,
  minOrganizationPerSecond: 50_000,
} as const;

/** A session's counter items by the contract of functions/kernel/env.ts: one under two shards' worth. */
export const expectedShards = (places: number, maxShards: number, placesPerShard: number): number =>
  Math.max(1, Math.min(maxShards, Math.floor(places / placesPerShard)));
