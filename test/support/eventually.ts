/** Polls `read` until `done` holds or the time runs out; answers the last value read. */
export const eventually = async <T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
};
