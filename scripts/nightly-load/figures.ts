import type { NightlyMessage } from '../../functions/modules/nightly/domain/nightly-model.js';
import { percentile } from '../booking-load/latency.js';
import type { Machine } from '../booking-load/machine.js';
import type { MessageTiming } from '../nightly/drive-night.js';
import type { AwsModel } from './aws-model.js';
import type { MessageRecord } from './message-recorder.js';

/** The figures `npm run bench:nightly` prints (`--json`: as one object) and writes to docs/performance.md. */

export const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

type MessageType = NightlyMessage['type'];
export const messageTypes: readonly MessageType[] = ['nightly.tick', 'nightly.org', 'nightly.sessions'];

export interface TypeFigures {
  count: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** From the serial pass (one message at a time, each one's calls and CPU its own). */
  meanDynamoCalls: number | null;
  meanCpuMs: number | null;
  /** Modelled time in AWS (aws-model.ts). */
  meanAwsMs: number | null;
  maxAwsMs: number | null;
}

/** What a night did, from its chunks' results. */
export interface NightTotals {
  organizations: number;
  sessions: number;
  reconciled: number;
  drifts: number;
  corrected: number;
  forecasts: number;
  outcomes: number;
  auditRecords: number;
  trainedOn: number;
}

export interface PassFigures {
  night: string;
  clock: string;
  concurrency: number;
  wallMs: number;
  sessionsPerSecond: number;
  messages: Record<MessageType, TypeFigures>;
  dynamoCalls: number;
  callsByCommand: Record<string, number>;
  /** Largest single message, and the worst 5 consecutive messages summed (a batch of the function). */
  maxMessageMs: number;
  maxBatchMs: number;
  cpuSeconds: number;
  totals: NightTotals;
  /** The night projected to AWS (a pass run one message at a time only). */
  aws: AwsNight | null;
}

export interface AwsNight {
  fanOut: Projection;
  noFanOut: Projection;
  /** Largest modelled message, and the worst batch the simulation gave an invocation. */
  maxMessageMs: number;
  maxBatchMs: number;
  budgetShare: number;
  /** The longest message, taken apart. */
  slowest: SlowestMessage;
}

export interface SlowestMessage {
  type: MessageType;
  organization: string;
  /** Its organization's recorded outcomes the night trained on. */
  trainedOn: number;
  hereMs: number;
  cpuMs: number;
  calls: number;
  answerMB: number;
  awsMs: number;
}

export interface Projection {
  /** Invocations at once: the queue's maxConcurrency, or 1 without fan-out. */
  lanes: number;
  minutes: number;
  withinHour: boolean;
  /** All messages' AWS time over the lanes: the floor from the work alone. */
  workBoundMinutes: number;
  /** The largest organization's chain of steps: the floor from the critical path. */
  chainMinutes: number;
  /** The same chain with each step waiting the whole batching window (a queue with nothing else in it). */
  chainWithWindowsMinutes: number;
  chainSteps: number;
  /**
   * Sessions of one organization whose chain of walk steps, each waiting the batching window as
   * here, would take the hour by itself.
   */
  chainHourSessions: number;
  maxBatchMs: number;
  batches: number;
}

export interface ScalingPoint {
  sessions: number;
  sessionsPerSecond: number;
  wallSeconds: number;
  awsMinutes: number;
}

export interface NightlyBenchFigures {
  machine: Machine;
  loadAverage1m: { start: number; end: number };
  command: string;
  sessions: number;
  organizations: {
    name: string;
    sessions: number;
    ended: number;
    soon: number;
    far: number;
    bookings: number;
  }[];
  bookings: number;
  seeding: { items: number; seconds: number };
  concurrency: number;
  sessionsPerSecond: number;
  /** Measured here one message at a time (each message's own work, as in its own invocation). */
  maxMessageMs: number;
  maxBatchMs: number;
  timeoutMs: number;
  budgetShare: number;
  /** This share and the one modelled in AWS both at most 25%. */
  budgetMet: boolean;
  projectedAwsMinutes: number;
  withinHour: boolean;
  /** The same night with no fan-out: one message after another. */
  baseline: { sessionsPerSecond: number; wallMs: number; projectedAwsMinutes: number; withinHour: boolean };
  /** Which figure limits the night. */
  binding: string;
  aws: AwsNight & { model: AwsModel };
  steady: PassFigures;
  serial: PassFigures;
  firstNight: PassFigures | null;
  invariants: { checked: boolean; violations: number; seconds: number } | null;
  checks: string[];
}

/** The worst `size` consecutive timings summed (in the order the messages ended). */
export const worstRun = (values: readonly number[], size: number): number => {
  let sum = 0;
  let worst = 0;
  for (let i = 0; i < values.length; i += 1) {
    sum += values[i] as number;
    if (i >= size) sum -= values[i - size] as number;
    worst = Math.max(worst, sum);
  }
  return worst;
};

export const typeFigures = (
  timings: readonly MessageTiming[],
  records: readonly MessageRecord[] | null,
  awsMs: readonly number[] | null,
): Record<MessageType, TypeFigures> => {
  const mean = (xs: number[]) => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  return Object.fromEntries(
    messageTypes.map((type) => {
      const ms = timings
        .filter((t) => t.type === type)
        .map((t) => t.ms)
        .sort((a, b) => a - b);
      const own =
        records?.map((r, i) => ({ r, aws: awsMs?.[i] ?? 0 })).filter(({ r }) => r.type === type) ?? null;
      const figures: TypeFigures = {
        count: ms.length,
        p50Ms: round(percentile(ms, 50)),
        p95Ms: round(percentile(ms, 95)),
        maxMs: round(ms.at(-1) ?? 0),
        meanDynamoCalls: own ? round(mean(own.map(({ r }) => r.calls)), 2) : null,
        meanCpuMs: own ? round(mean(own.map(({ r }) => r.cpuMs)), 2) : null,
        meanAwsMs: own && awsMs ? round(mean(own.map(({ aws }) => aws))) : null,
        maxAwsMs: own && awsMs ? round(Math.max(0, ...own.map(({ aws }) => aws))) : null,
      };
      return [type, figures];
    }),
  ) as Record<MessageType, TypeFigures>;
};
