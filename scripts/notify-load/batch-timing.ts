import { percentile } from '../booking-load/latency.js';
import { round, type SeriesFigures } from './figures.js';
import type { JvmCpu } from './jvm-cpu.js';

/**
 * Times a series of batches run by `concurrency` workers at once: each batch's latency, the
 * series' wall time, and the CPU this process and the DynamoDB Local JVM spent meanwhile.
 */

/** What a series is asked for: how many notifications, how many batches in flight, whose CPU to read. */
export interface SeriesPlan {
  count: number;
  concurrency: number;
  /** The DynamoDB Local JVM, or null to leave its CPU out (warm-ups, or not found). */
  jvm: JvmCpu | null;
}

/** Wraps one batch so its latency is recorded. */
export type TimeBatch = <T>(batch: () => Promise<T>) => Promise<T>;

export interface TimedSeries {
  concurrency: number;
  latenciesMs: number[];
  elapsedMs: number;
  processCpuMs: number;
  jvmCpuMs: number | null;
}

export const timeBatches = async (
  concurrency: number,
  jvm: JvmCpu | null,
  worker: (timeBatch: TimeBatch) => Promise<void>,
): Promise<TimedSeries> => {
  const latenciesMs: number[] = [];
  const timeBatch: TimeBatch = async (batch) => {
    const started = performance.now();
    try {
      return await batch();
    } finally {
      latenciesMs.push(performance.now() - started);
    }
  };
  const jvmBefore = jvm?.cpuMs() ?? Number.NaN;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, () => worker(timeBatch)));
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const jvmCpuMs = (jvm?.cpuMs() ?? Number.NaN) - jvmBefore;
  return {
    concurrency,
    latenciesMs,
    elapsedMs,
    processCpuMs: (cpu.user + cpu.system) / 1000,
    jvmCpuMs: Number.isFinite(jvmCpuMs) ? jvmCpuMs : null,
  };
};

export const seriesFigures = (
  timed: TimedSeries,
  notifications: number,
  calls: number,
  failedRecords = 0,
): SeriesFigures => {
  const sorted = [...timed.latenciesMs].sort((a, b) => a - b);
  return {
    notifications,
    concurrency: timed.concurrency,
    batches: sorted.length,
    notificationsPerSec: round((notifications / timed.elapsedMs) * 1000, 1),
    p50BatchMs: round(percentile(sorted, 50)),
    p99BatchMs: round(percentile(sorted, 99)),
    callsPerNotification: round(calls / notifications),
    processCpuMsPerNotification: round(timed.processCpuMs / notifications),
    dynamoDbLocalCpuMsPerNotification: timed.jvmCpuMs === null ? null : round(timed.jvmCpuMs / notifications),
    failedRecords,
  };
};
