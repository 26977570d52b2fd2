import { percentile } from '../booking-load/latency.js';
import type { Machine } from '../booking-load/machine.js';
import type { ConsumerStatsReport } from './consumer-stats.js';
import type { InvariantFigures } from './invariants.js';
import type { OperationKind } from './operations.js';
import type { RampStep } from './ramp.js';
import type { Sample } from './sampler.js';
import type { MinuteLatency, OperationFigures } from './tally.js';

/** Everything one soak run measured, and its verdict against the targets. */

export interface Target {
  rule: string;
  measured: number | null;
  /** null: not measured (e.g. the runtime exposes no consumer stats yet). */
  met: boolean | null;
}

export interface SoakFigures {
  rate: number;
  minutes: number;
  seed: number;
  drainSeconds: number;
  maxInFlight: number;
  machine: Machine;
  world: { sessions: number; placesPerSession: number; users: number; pricedSessions: number };
  mixWeights: Record<string, number>;
  /** Answered requests / loadSeconds. */
  requestsPerSecond: number;
  /** The load's real length: the minutes asked, or longer when the schedule slipped. */
  loadSeconds: number;
  /** How late slots started against their planned time (the process's event loop was busy). */
  scheduleLagP99Ms: number;
  scheduleLagMaxMs: number;
  scheduledRequests: number;
  completedRequests: number;
  missedRequests: number;
  transportErrors: number;
  /** Still unanswered when the load ended plus a grace period. */
  unfinishedRequests: number;
  serverErrors: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyByMinute: MinuteLatency[];
  processCpuMsPerRequest: number;
  answersByStatus: Record<string, number>;
  problemCodes: Record<string, number>;
  operations: Partial<Record<OperationKind, OperationFigures>>;
  oldestPendingP99Seconds: number;
  oldestPendingMaxSeconds: number;
  queueDepthMax: number;
  queueDepthAtEnd: number;
  samples: number;
  sampleErrors: number;
  /** Every 10th sample, to see the backlog's shape over the run. */
  timeline: Sample[];
  /** Notifications written during the load still pending (and not deferred) after the drain. */
  undeliveredAfterDrain: number;
  /** All pending, not deferred notifications after the drain, including fresh ones of the drain. */
  pendingAfterDrain: number;
  deliveredNotifications: number;
  notificationsByStatus: Record<string, number>;
  handoffsPerNotification: number | null;
  consumerTimeouts: number;
  consumers: ConsumerStatsReport;
  invariantViolations: number;
  invariants: InvariantFigures;
  targets: Record<string, Target>;
  /** The rate asked for; `rate` is lower when the ramp found this machine sustains less. */
  askedRate?: number;
  /** The ramp's steps (with --find-rate), null without one. */
  ramp?: RampStep[] | null;
  /** How long each ramp step lasted (with --find-rate). */
  rampStepSeconds?: number | null;
}

export const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;

export const sampleFigures = (samples: readonly Sample[]) => {
  const ages = samples.map((s) => s.oldestPendingSeconds).sort((a, b) => a - b);
  const depths = samples.map((s) => s.queueDepth);
  return {
    oldestPendingP99Seconds: ages.length ? round(percentile(ages, 99), 1) : 0,
    oldestPendingMaxSeconds: ages.length ? round(ages[ages.length - 1]!, 1) : 0,
    queueDepthMax: depths.length ? Math.max(...depths) : 0,
    queueDepthAtEnd: depths[depths.length - 1] ?? 0,
    timeline: samples.filter((_, i) => i % 10 === 0),
  };
};

type Measured = Pick<
  SoakFigures,
  | 'rate'
  | 'requestsPerSecond'
  | 'serverErrors'
  | 'oldestPendingP99Seconds'
  | 'handoffsPerNotification'
  | 'consumerTimeouts'
  | 'undeliveredAfterDrain'
  | 'invariantViolations'
> & { unsettledSessions: number };

export const evaluateTargets = (m: Measured): Record<string, Target> => {
  const minRps = round(0.97 * m.rate, 1);
  const handoffs = m.handoffsPerNotification;
  return {
    requestsPerSecond: {
      rule: `>= ${minRps} (0.97 x rate)`,
      measured: m.requestsPerSecond,
      met: m.requestsPerSecond >= minRps,
    },
    serverErrors: { rule: '= 0', measured: m.serverErrors, met: m.serverErrors === 0 },
    oldestPendingP99Seconds: {
      rule: '<= 30',
      measured: m.oldestPendingP99Seconds,
      met: m.oldestPendingP99Seconds <= 30,
    },
    handoffsPerNotification: {
      rule: '<= 1.2',
      measured: handoffs,
      met: handoffs !== null && handoffs <= 1.2,
    },
    consumerTimeouts: { rule: '= 0', measured: m.consumerTimeouts, met: m.consumerTimeouts === 0 },
    undeliveredAfterDrain: {
      rule: '= 0',
      measured: m.undeliveredAfterDrain,
      met: m.undeliveredAfterDrain === 0,
    },
    // A session that never held still long enough to be judged is not counted as clean.
    invariantViolations: {
      rule: '= 0, every violating session settled',
      measured: m.invariantViolations,
      met: m.invariantViolations === 0 && m.unsettledSessions === 0,
    },
  };
};
