import type { ApiCall } from '../local/api-client.js';
import type { PlannedRequest } from './operations.js';
import { recordAnswer, type Tally } from './tally.js';

/**
 * Open-loop load: slot i starts at t0 + i / rate whatever earlier answers take (a closed loop
 * would slow down with the system and hide its backlog). A slot that finds `maxInFlight`
 * requests unanswered is not sent and counts as missed. Latency is measured from the slot's
 * planned start, so time a slot waited for a blocked event loop counts against the system (no
 * coordinated omission).
 */

export interface OpenLoopOptions {
  call: ApiCall;
  rate: number;
  durationMs: number;
  maxInFlight: number;
  plan: () => PlannedRequest;
  tally: Tally;
}

export interface OpenLoopRun {
  /**
   * Resolves when the last slot's time has passed (in-flight requests may still run), with the
   * schedule's real length in ms.
   */
  scheduleDone: Promise<number>;
  inFlight(): number;
  /** Waits for the requests still in flight, at most `timeoutMs`; answers how many were left. */
  settle(timeoutMs: number): Promise<number>;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, Math.max(0, ms)));

export const startOpenLoop = (o: OpenLoopOptions): OpenLoopRun => {
  const pending = new Set<Promise<void>>();
  const intervalMs = 1000 / o.rate;
  const total = Math.floor((o.durationMs / 1000) * o.rate);
  const t0 = performance.now();

  const send = (planned: PlannedRequest, plannedAt: number): void => {
    o.tally.started += 1;
    const request = o
      .call(planned.method, planned.path, {
        token: planned.token,
        ...(planned.body === undefined ? {} : { body: planned.body }),
      })
      .then(
        (res) => {
          const minute = Math.floor((plannedAt - t0) / 60_000);
          recordAnswer(o.tally, planned.kind, res, performance.now() - plannedAt, minute);
          planned.settle(res);
        },
        () => {
          o.tally.transportErrors += 1;
        },
      )
      .finally(() => {
        planned.release();
        pending.delete(request);
      });
    pending.add(request);
  };

  /**
   * Every wake-up starts all slots whose time has come, at once: on a busy event loop a timer
   * fires late, and starting one slot per wake-up would let the schedule slip further each time.
   */
  const schedule = async (): Promise<number> => {
    let slot = 0;
    while (slot < total) {
      const due = Math.min(total, Math.floor((performance.now() - t0) / intervalMs) + 1);
      for (; slot < due; slot++) {
        const plannedAt = t0 + slot * intervalMs;
        o.tally.scheduled += 1;
        o.tally.scheduleLagsMs.push(performance.now() - plannedAt);
        // Planned even when missed: the PRNG's sequence (the mix) stays the same whatever the load.
        const planned = o.plan();
        if (pending.size >= o.maxInFlight) {
          o.tally.missed += 1;
          planned.release();
        } else send(planned, plannedAt);
      }
      await sleep(t0 + slot * intervalMs - performance.now());
    }
    await sleep(t0 + total * intervalMs - performance.now());
    return performance.now() - t0;
  };

  return {
    scheduleDone: schedule(),
    inFlight: () => pending.size,
    settle: async (timeoutMs) => {
      await Promise.race([Promise.allSettled([...pending]), sleep(timeoutMs)]);
      return pending.size;
    },
  };
};
