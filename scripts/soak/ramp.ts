import { percentile } from '../booking-load/latency.js';
import type { ApiCall } from '../local/api-client.js';
import { startOpenLoop } from './open-loop.js';
import type { PlannedRequest } from './operations.js';
import type { OutboxProbe } from './outbox-probe.js';
import { newTally, serverErrorsOf } from './tally.js';

/**
 * Finds, before the soak and on the same world, the highest rate the local runtime sustains on
 * this machine: steps of rising rate, each held for a while, the last one passed wins. Sustained
 * means every request answered in time and delivery keeping up: answers at 0.97 x the rate or
 * more, none missed or failed with a 5xx, p99 latency within `rampLimits.maxP99Ms`, and the oldest
 * waiting notification at most 30 s old at the step's end.
 *
 * The p99 limit is a tenth of the API functions' 10 s time-out. A step of a minute or so does not
 * show how latency grows over six minutes as the table fills up: a step passed with a p99 of
 * 2 s (the limit once used) ran into the time-out within a six-minute soak, p99 8.5 s.
 */

export interface RampOptions {
  from: number;
  to: number;
  step: number;
  stepSeconds: number;
  maxInFlight: number;
}

export interface RampStep {
  rate: number;
  answeredPerSecond: number;
  missed: number;
  serverErrors: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  oldestPendingSeconds: number;
  sustained: boolean;
}

export interface RampResult {
  steps: RampStep[];
  /** The highest sustained step's rate; undefined when even the first step was not. */
  sustainedRate: number | undefined;
}

export const rampLimits = { answeredShare: 0.97, maxP99Ms: 1_000, maxOldestPendingSeconds: 30 } as const;
/** Answers of a step still out when its schedule ends may take this long (then they count). */
const settleMs = 15_000;

const round = (v: number) => Math.round(v * 10) / 10;

export const findSustainedRate = async (
  call: ApiCall,
  plan: () => PlannedRequest,
  outbox: OutboxProbe,
  options: RampOptions,
  log: (line: string) => void,
): Promise<RampResult> => {
  const steps: RampStep[] = [];
  for (let rate = options.from; rate <= options.to; rate += options.step) {
    const tally = newTally();
    const loop = startOpenLoop({
      call,
      rate,
      durationMs: options.stepSeconds * 1000,
      maxInFlight: options.maxInFlight,
      plan,
      tally,
    });
    const loadMs = await loop.scheduleDone;
    await loop.settle(settleMs);
    const { oldestAgeSeconds } = await outbox.pending();
    const latencies = [...tally.latenciesMs].sort((a, b) => a - b);
    const step: RampStep = {
      rate,
      answeredPerSecond: round(tally.completed / (Math.max(loadMs, options.stepSeconds * 1000) / 1000)),
      missed: tally.missed,
      serverErrors: serverErrorsOf(tally),
      latencyP50Ms: Math.round(percentile(latencies, 50)),
      latencyP99Ms: Math.round(percentile(latencies, 99)),
      oldestPendingSeconds: round(oldestAgeSeconds),
      sustained: false,
    };
    step.sustained =
      step.answeredPerSecond >= rampLimits.answeredShare * rate &&
      step.missed === 0 &&
      step.serverErrors === 0 &&
      step.latencyP99Ms <= rampLimits.maxP99Ms &&
      step.oldestPendingSeconds <= rampLimits.maxOldestPendingSeconds;
    steps.push(step);
    log(
      `ramp ${rate} req/s: ${step.answeredPerSecond} answered/s, p50 ${step.latencyP50Ms} ms, p99 ${step.latencyP99Ms} ms, ` +
        `oldest pending ${step.oldestPendingSeconds} s: ${step.sustained ? 'sustained' : 'not sustained'}`,
    );
    if (!step.sustained) break;
  }
  const passed = steps.filter((s) => s.sustained);
  return { steps, sustainedRate: passed.at(-1)?.rate };
};
