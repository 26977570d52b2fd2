/**
 * The queue consumers' counters, from `runtime.stats()` when the local runtime has it. Read
 * through a structural check, so this compiles (and reports `available: false` with zeros)
 * against a runtime that does not expose them yet.
 */

export type ConsumerName = 'jobs' | 'holds' | 'notifications';

export interface ConsumerStats {
  batches: number;
  records: number;
  failedRecords: number;
  /** Batches the poller gave up waiting for (the handler ran past its time limit). */
  timeouts: number;
  maxBatchMs: number;
}

export interface RuntimeStats {
  consumers: Record<ConsumerName, ConsumerStats>;
}

export interface ConsumerStatsReport {
  available: boolean;
  consumers: Record<ConsumerName, ConsumerStats>;
  /** Sum of `timeouts` over the consumers. */
  timeouts: number;
}

interface WithStats {
  stats(): RuntimeStats;
}

const names: readonly ConsumerName[] = ['jobs', 'holds', 'notifications'];
const zero = (): ConsumerStats => ({ batches: 0, records: 0, failedRecords: 0, timeouts: 0, maxBatchMs: 0 });

const hasStats = (runtime: object): runtime is WithStats =>
  'stats' in runtime && typeof runtime.stats === 'function';

export const readConsumerStats = (runtime: object): ConsumerStatsReport => {
  const reported: Partial<Record<ConsumerName, Partial<ConsumerStats>>> = hasStats(runtime)
    ? runtime.stats().consumers
    : {};
  const consumers = Object.fromEntries(names.map((n) => [n, { ...zero(), ...reported[n] }])) as Record<
    ConsumerName,
    ConsumerStats
  >;
  return {
    available: hasStats(runtime),
    consumers,
    timeouts: names.reduce((sum, n) => sum + consumers[n].timeouts, 0),
  };
};
