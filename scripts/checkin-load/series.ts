import type { CallCounter } from '../booking-load/call-counter.js';
import { callsBetween, totalCalls } from '../booking-load/call-counter.js';
import { percentile } from '../booking-load/latency.js';
import type { JvmCpu } from '../notify-load/jvm-cpu.js';

/**
 * Timing of single operations run one after another: wall time, this process's CPU
 * (`process.cpuUsage`, user + system) and DynamoDB Local's (its JVM, from /proc) around each, and
 * the DynamoDB calls it sent. Nothing else runs meanwhile, so each window holds one operation.
 */

export interface Sample {
  wallMs: number;
  cpuMs: number;
  jvmMs: number;
  calls: Record<string, number>;
}

export interface Probes {
  counter: CallCounter;
  jvm: JvmCpu | null;
}

export const timed = async (probes: Probes, run: () => Promise<void>): Promise<Sample> => {
  const calls = probes.counter.counts();
  const jvm = probes.jvm?.cpuMs() ?? 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  await run();
  const wallMs = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return {
    wallMs,
    cpuMs: (used.user + used.system) / 1000,
    jvmMs: (probes.jvm?.cpuMs() ?? 0) - jvm,
    calls: callsBetween(calls, probes.counter.counts()),
  };
};

export const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;

export interface SeriesFigures {
  scans: number;
  p50Ms: number;
  p95Ms: number;
  cpuMsPerScan: number;
  /** Null when the JVM was not found. */
  dynamoDbLocalCpuMsPerScan: number | null;
  dynamoCallsPerScan: number;
  /** DynamoDB calls per scan by command (`transactItems`: items per scan in its transactions). */
  callsByCommand: Record<string, number>;
}

export const seriesFigures = (samples: readonly Sample[], jvmFound: boolean): SeriesFigures => {
  const n = samples.length;
  const walls = samples.map((s) => s.wallMs).sort((a, b) => a - b);
  const sum = (f: (s: Sample) => number) => samples.reduce((acc, s) => acc + f(s), 0);
  const calls: Record<string, number> = {};
  for (const s of samples) for (const [k, v] of Object.entries(s.calls)) calls[k] = (calls[k] ?? 0) + v;
  return {
    scans: n,
    p50Ms: round(percentile(walls, 50)),
    p95Ms: round(percentile(walls, 95)),
    cpuMsPerScan: round(sum((s) => s.cpuMs) / n, 3),
    dynamoDbLocalCpuMsPerScan: jvmFound ? round(sum((s) => s.jvmMs) / n, 3) : null,
    dynamoCallsPerScan: round(totalCalls(calls) / n),
    callsByCommand: Object.fromEntries(Object.entries(calls).map(([k, v]) => [k, round(v / n)])),
  };
};

/**
 * `count` rounds of `a` and `b` back to back, taking turns at going first, so both meet the same
 * machine, the same DynamoDB Local and the same background at the same moments.
 */
export const interleaved = async (
  probes: Probes,
  count: number,
  a: (i: number) => Promise<void>,
  b: (i: number) => Promise<void>,
): Promise<{ a: Sample[]; b: Sample[] }> => {
  const samples = { a: [] as Sample[], b: [] as Sample[] };
  for (let i = 0; i < count; i++) {
    if (i % 2 === 0) {
      samples.a.push(await timed(probes, () => a(i)));
      samples.b.push(await timed(probes, () => b(i)));
    } else {
      samples.b.push(await timed(probes, () => b(i)));
      samples.a.push(await timed(probes, () => a(i)));
    }
  }
  return samples;
};
