import { type CallCounter, callsBetween, TRANSACT_ITEMS, totalCalls } from '../booking-load/call-counter.js';
import { round } from './figures.js';

/**
 * The functions' DynamoDB calls over a window: the call counter sees every client they create,
 * the idle runtime's own included, so only the difference around a series counts, less what the
 * runtime does by itself in as long.
 */

export interface CountedCalls {
  byCommand: Record<string, number>;
  /** All calls, the idle runtime's expected share subtracted. */
  total: number;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Calls per second the runtime makes with nothing to do (schedule firer, timers). */
export const idleCallsPerSecond = async (counter: CallCounter, windowMs: number): Promise<number> => {
  const before = counter.counts();
  await sleep(windowMs);
  return (totalCalls(callsBetween(before, counter.counts())) / windowMs) * 1000;
};

export const countCalls = async <T>(
  counter: CallCounter,
  idlePerSec: number,
  run: () => Promise<T>,
): Promise<{ result: T; calls: CountedCalls }> => {
  const before = counter.counts();
  const started = performance.now();
  const result = await run();
  const elapsedSec = (performance.now() - started) / 1000;
  // Transactions' item counts ride along in the counter; they are not calls.
  const { [TRANSACT_ITEMS]: _items, ...byCommand } = callsBetween(before, counter.counts());
  return {
    result,
    calls: { byCommand, total: Math.max(0, totalCalls(byCommand) - idlePerSec * elapsedSec) },
  };
};

/** Calls of one or more windows per notification, total and by command. */
export const callsPerNotification = (windows: readonly CountedCalls[], notifications: number) => {
  const byCommand: Record<string, number> = {};
  for (const w of windows)
    for (const [name, n] of Object.entries(w.byCommand)) byCommand[name] = (byCommand[name] ?? 0) + n;
  const total = windows.reduce((sum, w) => sum + w.total, 0);
  return {
    total: round(total / notifications),
    byCommand: Object.fromEntries(
      Object.entries(byCommand).map(([name, n]) => [name, round(n / notifications, 3)]),
    ),
  };
};
