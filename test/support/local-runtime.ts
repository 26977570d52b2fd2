import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import { type ApiCall, api } from '../../scripts/local/api-client.js';
import type { MintTokenInput } from '../../scripts/local/auth.js';
import {
  type LocalRuntime,
  type LocalRuntimeOptions,
  startLocalRuntime,
} from '../../scripts/local/runtime.js';

export { type ApiCall, type ApiOptions, type ApiResponse, api } from '../../scripts/local/api-client.js';

/**
 * The whole local runtime for e2e tests: in memory, random port, no request log. It reuses the
 * run's DynamoDB Local (saving a JVM start per file) with a table of its own, so files stay isolated.
 */

export interface TestRuntime {
  url: string;
  mintToken(input: MintTokenInput): Promise<string>;
  /** `api(url)` bound to this runtime. */
  call: ApiCall;
  /** Requests sent through `call` so far: a test can tell whether any was made since a point. */
  readonly requestsSent: number;
  runtime: LocalRuntime;
  stop(): Promise<void>;
}

export const startTestRuntime = async (options: LocalRuntimeOptions = {}): Promise<TestRuntime> => {
  const shared = inject('dynamoEndpoint');
  const runtime = await startLocalRuntime({
    port: 0,
    inMemory: true,
    quiet: true,
    tableName: `e2e-${randomUUID().slice(0, 8)}`,
    ...(shared ? { dynamoEndpoint: shared } : {}),
    // Quick to stop between files; the event source mapping's 20 s only matters for idle cost.
    queueWaitSeconds: 1,
    // The outbox sweep once a minute, as the rule in AWS: each sweep queries every pending shard,
    // and the stream relay hands everything over in these tests (the sweep has tests of its own).
    outboxSweepIntervalMs: 60_000,
    // The consumer thread from the run's bundle: from source it would cost about 2 s of CPU per file.
    consumerThreadBundle: inject('consumerThreadBundle'),
    ...options,
  });
  const send = api(runtime.url);
  let sent = 0;
  const call = ((...args: Parameters<ApiCall>) => {
    sent += 1;
    return send(...args);
  }) as ApiCall;
  return {
    url: runtime.url,
    mintToken: runtime.mintToken,
    call,
    get requestsSent() {
      return sent;
    },
    runtime,
    stop: runtime.stop,
  };
};

/** Starts a runtime in `beforeAll` and stops it in `afterAll` of the calling file or describe block. */
export const useLocalRuntime = (options: LocalRuntimeOptions = {}): TestRuntime => {
  let started: TestRuntime | undefined;
  beforeAll(async () => {
    started = await startTestRuntime(options);
  });
  afterAll(async () => {
    await started?.stop();
  });
  const current = (): TestRuntime => {
    if (!started) throw new Error('the local runtime is not started yet (use it inside tests or hooks)');
    return started;
  };
  return {
    get url() {
      return current().url;
    },
    get call() {
      return current().call;
    },
    get requestsSent() {
      return current().requestsSent;
    },
    get runtime() {
      return current().runtime;
    },
    mintToken: (input) => current().mintToken(input),
    stop: () => current().stop(),
  };
};
