import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import type { ContentionCounters } from '../contention/counters.js';
import { fetchContentionCounters } from '../contention/proxy.js';
import { guardChild } from '../local/child-guard.js';
import { startDynamoDbLocal } from '../local/dynamodb.js';

/**
 * DynamoDB Local with the contention model in front, the model in a process of its own. In the
 * benchmark's process its event loop would share the handlers' CPU: requests arriving while a
 * handler computes would all be read at once, stamped with one instant, and conflict with each
 * other as no requests sent apart in time do in DynamoDB. Its counters are read over HTTP.
 */

export interface ContendedDb {
  /** Point the functions here: through the model. */
  endpoint: string;
  /** DynamoDB Local itself, for reads that must not count. */
  localEndpoint: string;
  counters(): Promise<ContentionCounters>;
  resetCounters(): Promise<void>;
  stop(): Promise<void>;
}

const MAIN = resolve(import.meta.dirname, 'proxy-main.ts');

const startProxyChild = async (upstream: string, holdMs: number) => {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, upstream, String(holdMs)], {
    cwd: resolve(import.meta.dirname, '../..'),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  if (!child.pid) throw new Error('the contention proxy did not start');
  const guard = guardChild(child.pid);
  let stopping = false;
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`the contention proxy exited early (code ${code}, signal ${signal})`);
  });
  const [chunk] = (await Promise.race([
    once(child.stdout, 'data'),
    once(child, 'exit').then(() => {
      throw new Error('the contention proxy exited before listening');
    }),
  ])) as [Buffer];
  return {
    endpoint: chunk.toString().trim(),
    stop: async () => {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return guard.release();
      const exited = once(child, 'exit');
      child.stdin?.end();
      await exited;
      guard.release();
    },
  };
};

export const startContendedDbChild = async (holdMs: number): Promise<ContendedDb> => {
  const db = await startDynamoDbLocal({ inMemory: true });
  try {
    const proxy = await startProxyChild(db.endpoint, holdMs);
    return {
      endpoint: proxy.endpoint,
      localEndpoint: db.endpoint,
      counters: () => fetchContentionCounters(proxy.endpoint),
      resetCounters: async () => {
        await fetchContentionCounters(proxy.endpoint, true);
      },
      stop: async () => {
        await proxy.stop();
        await db.stop();
      },
    };
  } catch (error) {
    await db.stop();
    throw error;
  }
};
