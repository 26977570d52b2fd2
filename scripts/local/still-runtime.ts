import { queueDefinitions } from '../../functions/app/queue-definitions.js';
import { streamConsumers } from '../../functions/app/stream-definitions.js';
import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from './runtime.js';

/** Far beyond any benchmark run. */
const later = 3_600_000;

/**
 * The local runtime in memory with nothing working by itself, for benchmarks: no queue is
 * consumed, nor the table's stream, and the scheduler and every sweep are pushed beyond the run,
 * so each timed window holds only what the benchmark sends.
 */
export const startStillRuntime = (options: Partial<LocalRuntimeOptions> = {}): Promise<LocalRuntime> =>
  startLocalRuntime({
    port: 0,
    inMemory: true,
    quiet: true,
    unconsumedQueues: queueDefinitions.map((q) => q.name),
    unconsumedStreams: streamConsumers.map((c) => c.consumer),
    schedulerIntervalMs: later,
    holdSweepIntervalMs: later,
    outboxSweepIntervalMs: later,
    reconcileIntervalMs: later,
    ...options,
  });
