import { percentile } from '../booking-load/latency.js';
import type { ApiResponse } from '../local/api-client.js';
import type { OperationKind } from './operations.js';

/** Counts of what the load sent and got back, overall and per operation. */

export interface OperationFigures {
  requests: number;
  byStatus: Record<string, number>;
  p50Ms: number;
  p99Ms: number;
}

export interface Tally {
  scheduled: number;
  started: number;
  /** Slots that found the in-flight cap reached: never sent (an open loop does not queue them). */
  missed: number;
  completed: number;
  /** No HTTP answer (connection refused or reset). */
  transportErrors: number;
  byStatus: Record<string, number>;
  /** Problem codes of 4xx/5xx answers (e.g. CAPACITY_EXHAUSTED). */
  byProblemCode: Record<string, number>;
  latenciesMs: number[];
  /** Latencies by the minute of the load their request was planned in: how latency moves over the run. */
  latenciesByMinuteMs: number[][];
  /** How late each slot was started against its planned time (a busy event loop delays timers). */
  scheduleLagsMs: number[];
  byOperation: Partial<Record<OperationKind, { byStatus: Record<string, number>; latenciesMs: number[] }>>;
}

export const newTally = (): Tally => ({
  scheduled: 0,
  started: 0,
  missed: 0,
  completed: 0,
  transportErrors: 0,
  byStatus: {},
  byProblemCode: {},
  latenciesMs: [],
  latenciesByMinuteMs: [],
  scheduleLagsMs: [],
  byOperation: {},
});

const bump = (counts: Record<string, number>, key: string): void => {
  counts[key] = (counts[key] ?? 0) + 1;
};

const problemCode = (res: ApiResponse<unknown>): string | undefined => {
  const body = res.json;
  if (typeof body !== 'object' || body === null || !('code' in body)) return undefined;
  return typeof body.code === 'string' ? body.code : undefined;
};

export const recordAnswer = (
  t: Tally,
  kind: OperationKind,
  res: ApiResponse<unknown>,
  latencyMs: number,
  minute: number,
) => {
  t.completed += 1;
  bump(t.byStatus, String(res.status));
  if (res.status >= 400) bump(t.byProblemCode, problemCode(res) ?? `HTTP_${res.status}`);
  t.latenciesMs.push(latencyMs);
  for (let m = t.latenciesByMinuteMs.length; m <= minute; m++) t.latenciesByMinuteMs.push([]);
  t.latenciesByMinuteMs[minute]?.push(latencyMs);
  const op = t.byOperation[kind] ?? { byStatus: {}, latenciesMs: [] };
  t.byOperation[kind] = op;
  bump(op.byStatus, String(res.status));
  op.latenciesMs.push(latencyMs);
};

export const serverErrorsOf = (t: Tally): number =>
  Object.entries(t.byStatus).reduce((n, [status, count]) => (Number(status) >= 500 ? n + count : n), 0);

const round = (value: number): number => Math.round(value * 100) / 100;

export interface MinuteLatency {
  minute: number;
  answers: number;
  p50Ms: number;
  p99Ms: number;
}

export const latencyByMinute = (t: Tally): MinuteLatency[] =>
  t.latenciesByMinuteMs.map((latencies, i) => {
    const sorted = [...latencies].sort((a, b) => a - b);
    return {
      minute: i + 1,
      answers: sorted.length,
      p50Ms: round(percentile(sorted, 50)),
      p99Ms: round(percentile(sorted, 99)),
    };
  });

export const operationFigures = (t: Tally): Partial<Record<OperationKind, OperationFigures>> =>
  Object.fromEntries(
    Object.entries(t.byOperation).map(([kind, op]) => {
      const sorted = [...op.latenciesMs].sort((a, b) => a - b);
      const figures: OperationFigures = {
        requests: sorted.length,
        byStatus: op.byStatus,
        p50Ms: round(percentile(sorted, 50)),
        p99Ms: round(percentile(sorted, 99)),
      };
      return [kind, figures];
    }),
  );
