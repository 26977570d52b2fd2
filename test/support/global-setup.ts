import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { QueueName } from '../../functions/app/queue-definitions.js';
import { contentionOptionsFromEnv, contentionRequested } from '../../scripts/contention/options.js';
import { startContentionProxy } from '../../scripts/contention/proxy.js';
import { describeCounters } from '../../scripts/contention/summary.js';
import { buildConsumerThreadBundle } from '../../scripts/local/consumer-bundle.js';
import { startDynamoDbLocal } from '../../scripts/local/dynamodb.js';
import { applyEnv, functionEnv } from '../../scripts/local/function-env.js';
import { createQueues, queueUrlsOf, startSqsServer } from '../../scripts/local/queues.js';
import { ensureTable } from '../../scripts/local/table.js';

/**
 * One DynamoDB Local (in memory) and one fauxqs for the whole run, started in the main vitest
 * process. Endpoints reach the tests twice over: through `inject()` and through process.env,
 * which the forked workers inherit because they are started after this setup.
 */

export const TEST_TABLE_NAME = 'evently-test';

/**
 * DynamoDB Local spends about half the run's CPU. A test run is short and its load uneven, so
 * the JVM's optimizing compiler (C2) costs more than its faster code saves: without it, and with
 * the serial collector (no collector threads competing for the 2 cores), the JVM used about a
 * quarter less CPU on the same files (README, "Tests").
 */
const TEST_JVM_OPTIONS = '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    /** DynamoDB Local itself; `dynamoEndpoint` is the contention model in front of it when on. */
    dynamoLocalEndpoint: string;
    sqsEndpoint: string;
    tableName: string;
    queueUrls: Record<QueueName, string>;
    /** The local runtime's consumer thread, bundled once for the run (scripts/local/consumer-bundle.ts). */
    consumerThreadBundle: string;
  }
}

// Set before any SDK client exists; forked workers inherit it. The SDK would warn once per process
// that its 2027 releases need Node 22, which is noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const NEEDS_SERVERS = new Set(['integration', 'e2e']);

/** `--project unit` (or infra) should not pay for a JVM start. */
const needsServers = (project: TestProject): boolean =>
  project.vitest.projects.some((p) => NEEDS_SERVERS.has(p.name));

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (!needsServers(project)) return undefined;
  const bundleDir = await mkdtemp(join(tmpdir(), 'evently-consumers-'));
  const [db, sqs, consumerThreadBundle] = await Promise.all([
    startDynamoDbLocal({ inMemory: true, jvmOptions: TEST_JVM_OPTIONS }),
    startSqsServer(),
    buildConsumerThreadBundle(join(bundleDir, 'consumer-thread.mjs')),
  ]);
  // DYNAMODB_CONTENTION=on (npm run test:contention): every client goes through the model.
  const contention = contentionRequested()
    ? await startContentionProxy({ upstream: db.endpoint, options: contentionOptionsFromEnv() })
    : undefined;
  const dynamoEndpoint = contention?.endpoint ?? db.endpoint;
  const stopDynamo = async (): Promise<void> => {
    if (contention) console.log(describeCounters(contention.counters()));
    await contention?.stop();
    await db.stop();
    await rm(bundleDir, { recursive: true, force: true });
  };
  try {
    await ensureTable(dynamoEndpoint, TEST_TABLE_NAME);
    const queues = await createQueues({ endpoint: sqs.endpoint, prefix: TEST_TABLE_NAME });
    const queueUrls = queueUrlsOf(queues);
    const restoreEnv = applyEnv(
      functionEnv({
        tableName: TEST_TABLE_NAME,
        dynamoEndpoint,
        sqsEndpoint: sqs.endpoint,
        queueUrls,
      }),
    );
    project.provide('dynamoEndpoint', dynamoEndpoint);
    project.provide('dynamoLocalEndpoint', db.endpoint);
    project.provide('sqsEndpoint', sqs.endpoint);
    project.provide('tableName', TEST_TABLE_NAME);
    project.provide('queueUrls', queueUrls);
    project.provide('consumerThreadBundle', consumerThreadBundle);
    return async () => {
      restoreEnv();
      await Promise.all([sqs.stop(), stopDynamo()]);
    };
  } catch (error) {
    await Promise.all([sqs.stop(), stopDynamo()]);
    throw error;
  }
}
