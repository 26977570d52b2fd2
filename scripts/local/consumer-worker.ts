import { parentPort, workerData } from 'node:worker_threads';
import type { ConsumerThreadData, ToConsumerThread } from './consumer-thread.js';
import type { ConsumerThreadHandlers } from './handlers.js';
import { type QueuePollerOptions, startQueuePollers } from './queue-poller.js';
import { startStreamRelay } from './stream-relay.js';

/**
 * The queue consumers in a thread of their own (started by consumer-thread.ts): the same handler
 * modules and pollers as in the main thread, with their own container and clients, as the
 * consumer functions have their own Lambda containers. The process environment is the parent's,
 * copied when the thread started. The handlers come from the TypeScript sources
 * (consumer-worker-source.ts) or from a prebuilt bundle of them (consumer-bundle.ts).
 */
export const serveConsumerThread = async (handlers: ConsumerThreadHandlers): Promise<void> => {
  const data = workerData as ConsumerThreadData;
  const port = parentPort;
  if (!port) throw new Error('the consumer thread runs only as a worker thread');
  const options: QueuePollerOptions = {
    endpoint: data.endpoint,
    queues: data.queues,
    handlers: handlers.consumers,
    ...(data.waitTimeSeconds === undefined ? {} : { waitTimeSeconds: data.waitTimeSeconds }),
    ...(data.concurrency ? { concurrency: data.concurrency } : {}),
  };
  const pollers = startQueuePollers(options);
  const streams = await startStreamRelay(data.streams, handlers.streams);

  port.on('message', async (message: ToConsumerThread) => {
    if (message.type === 'stats') {
      const stats = { queues: pollers.stats(), streams: streams.stats() };
      port.postMessage({ type: 'stats', id: message.id, stats });
    }
    if (message.type === 'stop') {
      await Promise.all([pollers.stop(), streams.stop()]);
      port.postMessage({ type: 'stopped' });
      port.close();
    }
  });
  port.postMessage({ type: 'ready' });
};
