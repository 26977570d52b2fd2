import { type ConsumerName, type ConsumerStats, consumerNames } from '../local/queue-poller.js';
import type { LocalRuntime } from '../local/runtime.js';

/** The queue consumers' counters as the local runtime keeps them, with their time-outs summed. */

export interface ConsumerStatsReport {
  consumers: Record<ConsumerName, ConsumerStats>;
  /** Batches that ran past their function's time limit, over all consumers. */
  timeouts: number;
}

/**
 * The counters since `since` (an earlier reading: the ramp's batches are not the soak's), or
 * since the runtime started. `maxBatchMs` is the longest batch of the whole run.
 */
export const readConsumerStats = async (
  runtime: Pick<LocalRuntime, 'stats'>,
  since?: ConsumerStatsReport,
): Promise<ConsumerStatsReport> => {
  const now = (await runtime.stats()).consumers;
  const minus = (name: ConsumerName): ConsumerStats => {
    const before = since?.consumers[name];
    const c = now[name];
    if (!before) return c;
    return {
      batches: c.batches - before.batches,
      records: c.records - before.records,
      failedRecords: c.failedRecords - before.failedRecords,
      timeouts: c.timeouts - before.timeouts,
      maxBatchMs: c.maxBatchMs,
    };
  };
  const consumers = Object.fromEntries(consumerNames().map((name) => [name, minus(name)])) as Record<
    ConsumerName,
    ConsumerStats
  >;
  return {
    consumers,
    timeouts: Object.values(consumers).reduce((sum, c) => sum + c.timeouts, 0),
  };
};
