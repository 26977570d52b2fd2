import type { ConsumerName, ConsumerStats } from '../local/queue-poller.js';
import type { LocalRuntime } from '../local/runtime.js';

/** The queue consumers' counters as the local runtime keeps them, with their time-outs summed. */

export interface ConsumerStatsReport {
  consumers: Record<ConsumerName, ConsumerStats>;
  /** Batches that ran past their function's time limit, over all consumers. */
  timeouts: number;
}

export const readConsumerStats = async (
  runtime: Pick<LocalRuntime, 'stats'>,
): Promise<ConsumerStatsReport> => {
  const { consumers } = await runtime.stats();
  return {
    consumers,
    timeouts: Object.values(consumers).reduce((sum, c) => sum + c.timeouts, 0),
  };
};
