/**
 * A function invocation held to its timeout, as Lambda holds it: past the timeout the caller gets
 * `timedOut` and treats the batch as failed. The handler cannot be killed in this process: it runs
 * on in `running` (which the pollers wait for when they stop), and its answer is ignored.
 */

export const timedOut = Symbol('timed out');

export const withinTimeout = async <T>(
  run: Promise<T>,
  timeoutSeconds: number,
  running: Set<Promise<unknown>>,
): Promise<T | typeof timedOut> => {
  running.add(run);
  const settled = () => running.delete(run);
  run.then(settled, settled);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof timedOut>((done) => {
    timer = setTimeout(() => done(timedOut), timeoutSeconds * 1000);
  });
  try {
    return await Promise.race([run, deadline]);
  } finally {
    clearTimeout(timer);
  }
};
