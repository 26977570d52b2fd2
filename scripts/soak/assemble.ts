import { loadFigures, percentile } from '../booking-load/latency.js';
import { describeMachine } from '../booking-load/machine.js';
import type { SoakOptions } from './args.js';
import type { ConsumerStatsReport } from './consumer-stats.js';
import { evaluateTargets, round, type SoakFigures, sampleFigures } from './figures.js';
import type { InvariantFigures } from './invariants.js';
import { mixWeights } from './mix.js';
import type { NotificationSummary, PendingSnapshot } from './outbox-probe.js';
import type { Sample } from './sampler.js';
import { latencyByMinute, operationFigures, serverErrorsOf, type Tally } from './tally.js';
import { type SoakWorld, sessionCapacity } from './world.js';

/** From the raw outcome of a run to the figures reported (JSON, console, document). */

export interface LoadOutcome {
  tally: Tally;
  /** The load's real length (at least the minutes asked). */
  loadMs: number;
  /** CPU this process spent during the load (runtime, handlers and generator). */
  cpuMs: number;
  unfinishedRequests: number;
  samples: readonly Sample[];
  sampleErrors: number;
}

export interface AfterDrain {
  /** Pending, undeferred notifications; `countCreatedBefore` is those written during the load. */
  pending: PendingSnapshot;
  notifications: NotificationSummary;
  consumers: ConsumerStatsReport;
  invariants: InvariantFigures;
}

export const assembleFigures = (
  opts: SoakOptions,
  world: SoakWorld,
  load: LoadOutcome,
  after: AfterDrain,
): SoakFigures => {
  const { tally } = load;
  const latency = loadFigures(tally.latenciesMs, load.loadMs, opts.maxInFlight, load.cpuMs);
  const lags = [...tally.scheduleLagsMs].sort((a, b) => a - b);
  const sent = after.notifications.byStatus.sent ?? 0;
  const samples = sampleFigures(load.samples);
  const measured = {
    rate: opts.rate,
    requestsPerSecond: round(tally.completed / (load.loadMs / 1000), 1),
    serverErrors: serverErrorsOf(tally),
    oldestPendingP99Seconds: samples.oldestPendingP99Seconds,
    handoffsPerNotification: sent ? round(after.notifications.handoffs / sent, 3) : null,
    consumerTimeouts: after.consumers.timeouts,
    // Not delivered: still pending from the load, or given up on (failed after every attempt).
    undeliveredAfterDrain: after.pending.countCreatedBefore + (after.notifications.byStatus.failed ?? 0),
    invariantViolations: after.invariants.violations,
  };
  return {
    ...measured,
    minutes: opts.minutes,
    seed: opts.seed,
    drainSeconds: opts.drainSeconds,
    maxInFlight: opts.maxInFlight,
    machine: describeMachine(),
    world: {
      sessions: world.sessions.length,
      placesPerSession: sessionCapacity,
      users: world.users.length,
      pricedSessions: world.sessions.filter((s) => s.priced).length,
    },
    mixWeights: { ...mixWeights },
    loadSeconds: round(load.loadMs / 1000, 1),
    scheduleLagP99Ms: lags.length ? round(percentile(lags, 99)) : 0,
    scheduleLagMaxMs: round(lags[lags.length - 1] ?? 0),
    scheduledRequests: tally.scheduled,
    completedRequests: tally.completed,
    missedRequests: tally.missed,
    transportErrors: tally.transportErrors,
    unfinishedRequests: load.unfinishedRequests,
    latencyP50Ms: latency.p50Ms,
    latencyP99Ms: latency.p99Ms,
    latencyByMinute: latencyByMinute(tally),
    processCpuMsPerRequest: latency.processCpuMsPerRequest,
    answersByStatus: tally.byStatus,
    problemCodes: tally.byProblemCode,
    operations: operationFigures(tally),
    oldestPendingMaxSeconds: samples.oldestPendingMaxSeconds,
    queueDepthMax: samples.queueDepthMax,
    queueDepthAtEnd: samples.queueDepthAtEnd,
    samples: load.samples.length,
    sampleErrors: load.sampleErrors,
    timeline: samples.timeline,
    pendingAfterDrain: after.pending.count,
    deliveredNotifications: sent,
    notificationsByStatus: after.notifications.byStatus,
    consumers: after.consumers,
    invariants: after.invariants,
    targets: evaluateTargets({ ...measured, unsettledSessions: after.invariants.unsettledSessions }),
  };
};
