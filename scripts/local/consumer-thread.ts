import { once } from 'node:events';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { QueueName } from '../../functions/app/queue-definitions.js';
import type { StreamConsumerName } from '../../functions/app/stream-definitions.js';
import type { ConsumerName, ConsumerStats } from './queue-poller.js';
import type { LocalQueue } from './queues.js';

/**
 * Runs the queue consumers (and the table stream's) in a worker thread. In one thread, HTTP requests and every consumer
 * share one event loop, so under load the consumers' work delays the API and the API's delays
 * the consumers (Lambda runs them in containers of their own). The thread has its own event loop
 * and its own function containers; it talks to this one only to report its counters and to stop.
 */

/** Where the stream consumers read: the table's stream on DynamoDB Local. */
export interface StreamSource {
  endpoint: string;
  tableName: string;
  consumers: StreamConsumerName[];
  idleMs?: number;
}

export interface ConsumerThreadData {
  endpoint: string;
  queues: LocalQueue[];
  waitTimeSeconds?: number;
  concurrency?: Partial<Record<QueueName, number>>;
  streams?: StreamSource;
}

/** What the consumers did so far: the queues' and the stream's. */
export interface AllConsumerStats {
  queues: Record<ConsumerName, ConsumerStats>;
  streams: Record<StreamConsumerName, ConsumerStats>;
}

export type ToConsumerThread = { type: 'stats'; id: number } | { type: 'stop' };
type FromConsumerThread =
  | { type: 'ready' }
  | { type: 'stopped' }
  | { type: 'stats'; id: number; stats: AllConsumerStats };

export interface ConsumerThread {
  stats(): Promise<AllConsumerStats>;
  stop(): Promise<void>;
}

const bootUrl = new URL('./consumer-worker-boot.mjs', import.meta.url);

/**
 * Starts the thread, from `bundle` (consumer-bundle.ts) when given, else from the sources; resolves
 * once its handlers are loaded and its pollers run (the stream's at its tip).
 */
export const startConsumerThread = async (
  data: ConsumerThreadData,
  bundle?: string,
): Promise<ConsumerThread> => {
  const worker = new Worker(bundle ? pathToFileURL(bundle) : bootUrl, { workerData: data });
  const exited = once(worker, 'exit');
  worker.on('error', (error) => console.error('[queues] the consumer thread failed', error));
  const ready = await Promise.race([
    messageMatching(worker, (m) => m.type === 'ready').then(() => true),
    exited.then(() => false),
  ]);
  if (!ready) throw new Error('the consumer thread stopped while starting (see the error above)');
  let nextId = 0;
  return {
    async stats() {
      const id = nextId++;
      const answer = messageMatching(worker, (m) => m.type === 'stats' && m.id === id);
      worker.postMessage({ type: 'stats', id } satisfies ToConsumerThread);
      const reply = await answer;
      if (reply.type !== 'stats') throw new Error('unexpected answer from the consumer thread');
      return reply.stats;
    },
    async stop() {
      const stopped = messageMatching(worker, (m) => m.type === 'stopped');
      worker.postMessage({ type: 'stop' } satisfies ToConsumerThread);
      // A thread that died already has nothing to stop.
      await Promise.race([stopped, exited]);
      await worker.terminate();
    },
  };
};

const messageMatching = (worker: Worker, match: (m: FromConsumerThread) => boolean) =>
  new Promise<FromConsumerThread>((resolve) => {
    const listen = (m: FromConsumerThread) => {
      if (!match(m)) return;
      worker.off('message', listen);
      resolve(m);
    };
    worker.on('message', listen);
  });
