import { runPool } from './pool.js';

/** Throughput and latency of a timed batch of requests. */

export interface LoadFigures {
  requests: number;
  concurrency: number;
  throughputPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /**
   * CPU this process spent per request meanwhile (user + system): for HTTP runs the local runtime
   * with its handlers plus the load generator, for raw runs the SDK client alone.
   */
  processCpuMsPerRequest: number;
}

/** Nearest-rank percentile of ascending values. */
export const percentile = (sorted: readonly number[], p: number): number => {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
};

const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

export const loadFigures = (
  latenciesMs: readonly number[],
  elapsedMs: number,
  concurrency: number,
  cpuMs: number,
): LoadFigures => {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    concurrency,
    throughputPerSec: round((sorted.length / elapsedMs) * 1000),
    p50Ms: round(percentile(sorted, 50), 2),
    p99Ms: round(percentile(sorted, 99), 2),
    processCpuMsPerRequest: sorted.length ? round(cpuMs / sorted.length, 2) : 0,
  };
};

/** Runs `count` tasks, `concurrency` at a time, timing each one and the whole batch. */
export const measureLoad = async (
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<LoadFigures> => {
  const latencies: number[] = [];
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  await runPool(count, concurrency, async (i) => {
    const begun = performance.now();
    await task(i);
    latencies.push(performance.now() - begun);
  });
  const elapsed = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  return loadFigures(latencies, elapsed, concurrency, (cpu.user + cpu.system) / 1000);
};
