import type { Deps } from '../../functions/kernel/domain/deps.js';
import {
  type NightlyOutcome,
  runNightlyMessage,
} from '../../functions/modules/nightly/domain/nightly-message.js';
import type { NightlyMessage } from '../../functions/modules/nightly/domain/nightly-model.js';

/** How long one message took, by type: what a deployed function's invocation would spend on it. */
export interface MessageTiming {
  type: NightlyMessage['type'];
  ms: number;
}

export interface NightDrive {
  night: string | undefined;
  wallMs: number;
  timings: MessageTiming[];
  outcomes: NightlyOutcome[];
}

/**
 * A whole night in this process: the tick, then every message the run sends, handled by the same
 * code as the nightly function (`runNightlyMessage`), `concurrency` at a time, from an in-memory
 * queue instead of SQS, until none is left. `npm run nightly`, the tests and `bench:nightly` use it.
 */
export const driveNight = async (
  deps: Deps,
  options: { night?: string; concurrency?: number; tick?: NightlyMessage } = {},
): Promise<NightDrive> => {
  const pending: NightlyMessage[] = [
    options.tick ?? { type: 'nightly.tick', ...(options.night ? { night: options.night } : {}) },
  ];
  const local = {
    ...deps,
    nightlyQueue: { send: async (ms: readonly NightlyMessage[]) => void pending.push(...ms) },
  };
  const timings: MessageTiming[] = [];
  const outcomes: NightlyOutcome[] = [];
  const started = performance.now();
  let inFlight = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const msg = pending.shift();
      if (!msg) {
        // Another worker's message may still send more.
        if (inFlight === 0) return;
        await new Promise((r) => setTimeout(r, 5));
        continue;
      }
      inFlight += 1;
      const t0 = performance.now();
      try {
        outcomes.push(await runNightlyMessage(local, msg));
      } finally {
        inFlight -= 1;
      }
      timings.push({ type: msg.type, ms: performance.now() - t0 });
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  return { night: options.night, wallMs: performance.now() - started, timings, outcomes };
};
