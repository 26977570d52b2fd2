/**
 * Runs `count` tasks with at most `concurrency` in flight: real overlap (every slot starts its
 * next task as soon as its previous one settles) without opening thousands of sockets at once.
 * Results keep task order.
 */
export const runPool = async <T>(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<T>,
): Promise<T[]> => {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
};
