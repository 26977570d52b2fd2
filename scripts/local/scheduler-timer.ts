/**
 * Runs `task` every `intervalMs`, never two at once (the next run is timed from the end of the
 * previous one). A failing run is logged and the next one goes ahead: local timers stand in for
 * AWS services that keep going after one failed delivery.
 */
export interface Repeating {
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

export const repeatEvery = (
  intervalMs: number,
  task: () => Promise<void>,
  log: (message: string, error?: unknown) => void,
  name: string,
): Repeating => {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const run = async (): Promise<void> => {
    try {
      await task();
    } catch (error) {
      log(`${name} failed`, error);
    }
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  const tick = (): void => {
    running = run();
  };
  timer = setTimeout(tick, intervalMs);
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
};
