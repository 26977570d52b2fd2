import { type StreamConsumerName, streamConsumers } from '../../functions/app/stream-definitions.js';
import type { StreamSource } from './consumer-thread.js';
import { type ConsumerStats, emptyStats } from './queue-poller.js';
import { type StreamHandlers, startStreamPollers } from './stream-poller.js';

export interface StreamRelay {
  stats(): Record<StreamConsumerName, ConsumerStats>;
  stop(): Promise<void>;
}

const idle = (): Record<StreamConsumerName, ConsumerStats> =>
  Object.fromEntries(streamConsumers.map((c) => [c.consumer, emptyStats()])) as Record<
    StreamConsumerName,
    ConsumerStats
  >;

/** The stream consumers `source` names, polling the table's stream; none without a source. */
export const startStreamRelay = async (
  source: StreamSource | undefined,
  handlers: StreamHandlers,
): Promise<StreamRelay> => {
  const consumers = streamConsumers.filter((c) => source?.consumers.includes(c.consumer));
  if (!source || consumers.length === 0) return { stats: idle, stop: async () => undefined };
  return startStreamPollers({
    endpoint: source.endpoint,
    tableName: source.tableName,
    handlers,
    consumers,
    ...(source.idleMs === undefined ? {} : { idleMs: source.idleMs }),
  });
};
