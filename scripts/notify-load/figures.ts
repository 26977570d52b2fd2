import type { Machine } from '../booking-load/machine.js';

/** Everything one `npm run bench:notify` measures; `--json` prints it as it is. */

/** One series of batches: the real delivery path or the baseline, at one concurrency. */
export interface SeriesFigures {
  notifications: number;
  /** Batches in flight at once. */
  concurrency: number;
  batches: number;
  notificationsPerSec: number;
  /** Per batch: the handler's invocation (delivery) or the batch's writes (baseline). */
  p50BatchMs: number;
  p99BatchMs: number;
  /** DynamoDB calls per notification in this series (the idle runtime's own calls subtracted). */
  callsPerNotification: number;
  /** CPU of the benchmark process (user + system) per notification. */
  processCpuMsPerNotification: number;
  /** CPU of the DynamoDB Local JVM per notification; null when its /proc entry could not be read. */
  dynamoDbLocalCpuMsPerNotification: number | null;
  /** Records the handler reported failed (redelivered later); 0 for the baseline. */
  failedRecords: number;
}

/** Delivery / baseline at one concurrency. */
export interface SeriesRatios {
  notificationsPerSec: number;
  processCpuPerNotification: number;
  dynamoDbLocalCpuPerNotification: number | null;
}

/** How the delivered notifications ended: every one must be `sent`, handed to the queue once. */
export interface DeliveryCheck {
  expected: number;
  found: number;
  sent: number;
  handoffsOne: number;
  ok: boolean;
}

export interface NotifyBenchFigures {
  /** Notifications per series (each concurrency level delivers a set of its own). */
  notifications: number;
  machine: Machine;
  loadAverage1m: { start: number; end: number };
  /** The notifications handler on real queue messages, by concurrency. */
  delivery: Record<string, SeriesFigures>;
  /** Claim + complete with the plain SDK, by concurrency. */
  baseline: Record<string, SeriesFigures>;
  /** The delivery path over both series, by command; background subtracted from the total. */
  dynamoCallsPerNotification: { total: number; byCommand: Record<string, number> };
  backgroundCallsPerSec: number;
  ratios: Record<string, SeriesRatios>;
  check: DeliveryCheck;
}

export const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;
