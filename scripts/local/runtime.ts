import type { QueueName } from '../../functions/app/queue-definitions.js';
import { type StreamConsumerName, streamConsumers } from '../../functions/app/stream-definitions.js';
import { outboxSweepMessage } from '../../functions/modules/notifications/contracts/notifications.js';
import { reconcileMessage } from '../../functions/modules/payments/contracts/inbox.js';
import { type DevSigner, loadDevSigner, type MintTokenInput } from './auth.js';
import { type AllConsumerStats, type StreamSource, startConsumerThread } from './consumer-thread.js';
import { startDynamoDbLocal } from './dynamodb.js';
import { recordEndpoint } from './endpoint-record.js';
import { applyEnv, functionEnv } from './function-env.js';
import {
  type FunctionHandlers,
  type HandlerOverrides,
  loadFunctionHandlers,
  resetFunctionCaches,
} from './handlers.js';
import { startHttpServer } from './http-server.js';
import { localEventsReader } from './local-events.js';
import { localOutboxReader } from './local-outbox.js';
import type { LocalPaymentProvider } from './payment-provider/index.js';
import { type LocalPayments, startLocalPayments } from './payments-local.js';
import { assertPortFree } from './ports.js';
import { type ConsumerName, type ConsumerStats, startQueuePollers } from './queue-poller.js';
import { createQueues, type LocalQueue, queueUrlsOf, startSqsServer } from './queues.js';
import { type LocalS3, startS3Server } from './s3.js';
import { startSchedulerFirer } from './scheduler-firer.js';
import { startHoldsSweeper, startQueueTicker } from './scheduler-sweeper.js';
import { seedDemo } from './seed.js';
import { localSignIn } from './sign-in.js';
import { localSocialTokensDir } from './social-tokens.js';
import { startStreamRelay } from './stream-relay.js';
import { ensureTable } from './table.js';
import { localTicketKey } from './ticket-key.js';
import { localWebhookKey } from './webhook-key.js';

/**
 * Everything `npm start` and the e2e tests run: DynamoDB Local, the table, fauxqs with the queues
 * and their consumers, s3rver with the materials bucket, and the HTTP server in front of the same handlers Lambda runs.
 */

export interface LocalRuntimeOptions {
  /** HTTP port; 0 picks a free one. Default 3000. */
  port?: number;
  /** Nothing is written to disk: database and signing key live in memory (unless `keyFile`). */
  inMemory?: boolean;
  /**
   * Sign with the dev key kept in this file (created if missing), also when `inMemory`: it is the
   * key `npm run token` signs with, so its tokens are accepted. Default: `.data/dev-key.json`,
   * or a key in memory when `inMemory`.
   */
  keyFile?: string;
  /** Where DynamoDB Local keeps its file (default `.data/dynamodb`). */
  dataDir?: string;
  /** No request log; functions log errors only. */
  quiet?: boolean;
  /** Create the demo organization when the dev owner has none. */
  seed?: boolean;
  /** Extra function environment (e.g. ORG_CREATION, OPERATOR_SUBS). */
  env?: Record<string, string>;
  /** Default `evently-local`; also the prefix of the queue names. */
  tableName?: string;
  /** Use an already running DynamoDB Local instead of starting one (tests share one per run). */
  dynamoEndpoint?: string;
  /**
   * Use an already running SQS server instead of starting fauxqs in this process (a benchmark
   * timing this process's CPU keeps the queue server's work out of it).
   */
  sqsEndpoint?: string;
  /**
   * Multiplies the HTTP functions' timeouts (default 1, as deployed). Every invocation here runs in
   * one process against one DynamoDB Local, which a test run also shares between its workers: a
   * burst of 50 simultaneous requests, 50 Lambdas in AWS, can queue there past a function's own
   * timeout. A test of such a burst's outcome (not its latency: the benchmarks measure that) says so.
   */
  httpTimeoutScale?: number;
  /** Stub handlers instead of the real modules (tests of the runtime itself). */
  handlers?: HandlerOverrides;
  /** Long-poll wait of the queue pollers (default 20 s, like the event source mapping). */
  queueWaitSeconds?: number;
  /** How often the local scheduler looks for due schedules (default 1 s). */
  schedulerIntervalMs?: number;
  /** How often the holds sweep runs (default one minute, like the deployed rule). */
  holdSweepIntervalMs?: number;
  /** How often the outbox sweep runs (default 5 s: locally an item the stream relay missed shows up quickly). */
  outboxSweepIntervalMs?: number;
  /** How often the payments reconciler runs (default one minute, like the deployed schedule). */
  reconcileIntervalMs?: number;
  /** Pending outbox items younger than this are left to the stream relay (default 5 s). */
  outboxSweepGraceMs?: number;
  /**
   * Queues whose consumer is not run: their messages wait (a benchmark measuring the booking path
   * alone leaves notification delivery out of it).
   */
  unconsumedQueues?: readonly QueueName[];
  /**
   * Stream consumers not run: new outbox items then wait for the sweep (a benchmark timing the
   * booking path alone leaves the relay's hand-offs out of it).
   */
  unconsumedStreams?: readonly StreamConsumerName[];
  /** The stream relay's pause after a read of the table's stream that found nothing (default 50 ms). */
  streamIdleMs?: number;
  /** Batches in flight per queue (default: each queue definition's maxConcurrency). */
  consumerConcurrency?: Partial<Record<QueueName, number>>;
  /**
   * Run the queue consumers in this thread rather than a worker thread of their own (always so
   * with stub consumers, which cannot cross into a thread).
   */
  consumersInProcess?: boolean;
  /**
   * The consumer thread's prebuilt bundle (consumer-bundle.ts) instead of the TypeScript sources:
   * the thread loads in a quarter of the CPU, which tests pay once per file.
   */
  consumerThreadBundle?: string;
}

export interface LocalRuntimeStats {
  /** Per consumer: batches, records, failed records, time-outs (batches past the function's timeout). */
  consumers: Record<ConsumerName, ConsumerStats>;
  /** The same per consumer of the table's stream. */
  streams: Record<StreamConsumerName, ConsumerStats>;
}

export interface LocalRuntime {
  url: string;
  port: number;
  tableName: string;
  dynamoEndpoint: string;
  sqsEndpoint: string;
  queueUrls: Record<QueueName, string>;
  /** s3rver (in this process) and the materials bucket in it. */
  s3Endpoint: string;
  materialsBucket: string;
  /** Set when `seed` was asked for. */
  demoOrgId?: string;
  mintToken(input: MintTokenInput): Promise<string>;
  /** The stand-in for Stripe and Razorpay: its checkouts pay and it posts signed webhooks here. */
  paymentProvider: LocalPaymentProvider;
  stats(): Promise<LocalRuntimeStats>;
  stop(): Promise<void>;
}

export const DEFAULT_TABLE_NAME = 'evently-local';
const DEFAULT_OUTBOX_SWEEP_MS = 5_000;
const DEFAULT_RECONCILE_MS = 60_000;
const DEFAULT_PORT = 3000;

type Stopper = () => Promise<void> | void;

/** Stops what has started so far, newest first; used both on stop() and when a start step fails. */
const stopAll = async (stoppers: Stopper[]): Promise<void> => {
  for (const stop of stoppers.splice(0).reverse()) {
    try {
      await stop();
    } catch (error) {
      console.error('local runtime: error while stopping', error);
    }
  }
};

const startDatabase = async (options: LocalRuntimeOptions, stoppers: Stopper[]): Promise<string> => {
  if (options.dynamoEndpoint) return options.dynamoEndpoint;
  const db = await startDynamoDbLocal({ inMemory: options.inMemory, dataDir: options.dataDir });
  stoppers.push(db.stop);
  if (!options.inMemory) stoppers.push(recordEndpoint(options.dataDir, db.endpoint));
  return db.endpoint;
};

const startQueues = async (
  options: LocalRuntimeOptions,
  tableName: string,
  stoppers: Stopper[],
): Promise<{ endpoint: string; queues: LocalQueue[] }> => {
  let endpoint = options.sqsEndpoint;
  if (!endpoint) {
    const sqs = await startSqsServer();
    stoppers.push(sqs.stop);
    endpoint = sqs.endpoint;
  }
  const queues = await createQueues({ endpoint, prefix: tableName });
  return { endpoint, queues };
};

type Booted = Omit<LocalRuntime, 'stop' | 'demoOrgId'>;

interface Backends {
  dynamoEndpoint: string;
  sqs: { endpoint: string; queues: LocalQueue[] };
  signer: DevSigner;
  payments: LocalPayments;
  tickets: { env: Record<string, string> };
  webhooks: { env: Record<string, string> };
  signIn: { env: Record<string, string> };
  socialTokens: { env: Record<string, string> };
  s3: LocalS3;
}

const startBackends = async (
  options: LocalRuntimeOptions,
  tableName: string,
  stoppers: Stopper[],
): Promise<Backends> => {
  // The JVM start dominates; the queue server and the key load run meanwhile.
  const db = startDatabase(options, stoppers);
  const sqs = startQueues(options, tableName, stoppers);
  const signer = loadDevSigner(
    options.keyFile ? { keyFile: options.keyFile } : { inMemory: options.inMemory },
  );
  const payments = startLocalPayments({ inMemory: options.inMemory }).then((p) => {
    stoppers.push(p.stop);
    return p;
  });
  const tickets = localTicketKey({ inMemory: options.inMemory });
  const webhooks = localWebhookKey({ inMemory: options.inMemory });
  const signIn = signer.then((s) => localSignIn(s.keyFile, { inMemory: options.inMemory }));
  const socialTokens = localSocialTokensDir({ inMemory: options.inMemory });
  // In this process and quick to start (milliseconds): started always, like the key files.
  const s3 = startS3Server({ inMemory: options.inMemory }).then((server) => {
    stoppers.push(server.stop);
    return server;
  });
  // Settle all before a failure propagates, so whatever did start has registered its stopper.
  await Promise.allSettled([db, sqs, signer, payments, tickets, webhooks, signIn, socialTokens, s3]);
  const dynamoEndpoint = await db;
  await ensureTable(dynamoEndpoint, tableName);
  return {
    dynamoEndpoint,
    sqs: await sqs,
    signer: await signer,
    payments: await payments,
    tickets: await tickets,
    webhooks: await webhooks,
    signIn: await signIn,
    socialTokens: await socialTokens,
    s3: await s3,
  };
};

/** The functions read process.env lazily, so it is set before their modules are loaded. */
const configureFunctions = async (
  options: LocalRuntimeOptions,
  tableName: string,
  backends: Backends,
  stoppers: Stopper[],
): Promise<FunctionHandlers> => {
  const env = functionEnv({
    tableName,
    dynamoEndpoint: backends.dynamoEndpoint,
    sqsEndpoint: backends.sqs.endpoint,
    queueUrls: queueUrlsOf(backends.sqs.queues),
    logLevel: options.quiet ? 'ERROR' : 'WARN',
    extra: {
      OUTBOX_SWEEP_GRACE_MS: String(options.outboxSweepGraceMs ?? DEFAULT_OUTBOX_SWEEP_MS),
      NOTIFY_LOCAL_ECHO: options.quiet ? 'off' : 'on',
      ...backends.payments.env,
      ...backends.tickets.env,
      ...backends.webhooks.env,
      ...backends.signIn.env,
      ...backends.socialTokens.env,
      ...backends.s3.env,
      ...options.env,
    },
  });
  stoppers.push(applyEnv(env));
  await resetFunctionCaches();
  return loadFunctionHandlers(options.handlers);
};

/** The stand-ins for EventBridge Scheduler (one-off schedules) and the sweeper rule. */
const startSchedules = (
  options: LocalRuntimeOptions,
  tableName: string,
  backends: Backends,
  stoppers: Stopper[],
): void => {
  const queueUrls = queueUrlsOf(backends.sqs.queues);
  const sqsEndpoint = backends.sqs.endpoint;
  const firer = startSchedulerFirer({
    dynamoEndpoint: backends.dynamoEndpoint,
    tableName,
    sqsEndpoint,
    queueUrls,
    intervalMs: options.schedulerIntervalMs,
  });
  stoppers.push(firer.stop);
  const sweeper = startHoldsSweeper({
    sqsEndpoint,
    holdsQueueUrl: queueUrls.holds,
    intervalMs: options.holdSweepIntervalMs,
  });
  stoppers.push(sweeper.stop);
  const outboxSweeper = startQueueTicker({
    sqsEndpoint,
    queueUrl: queueUrls.notifications,
    message: outboxSweepMessage,
    intervalMs: options.outboxSweepIntervalMs ?? DEFAULT_OUTBOX_SWEEP_MS,
    name: 'outbox sweep',
  });
  stoppers.push(outboxSweeper.stop);
  const reconciler = startQueueTicker({
    sqsEndpoint,
    queueUrl: queueUrls.payments,
    message: reconcileMessage,
    intervalMs: options.reconcileIntervalMs ?? DEFAULT_RECONCILE_MS,
    name: 'payments reconciler',
  });
  stoppers.push(reconciler.stop);
};

/** The stream consumers to run, reading the table's stream. */
const streamSource = (options: LocalRuntimeOptions, tableName: string, backends: Backends): StreamSource => ({
  endpoint: backends.dynamoEndpoint,
  tableName,
  consumers: streamConsumers
    .map((c) => c.consumer)
    .filter((name) => !options.unconsumedStreams?.includes(name)),
  ...(options.streamIdleMs === undefined ? {} : { idleMs: options.streamIdleMs }),
});

/**
 * The pollers of every consumed queue and of the table's stream: in a worker thread unless asked
 * (or stubbed) otherwise.
 */
const startConsumers = async (
  options: LocalRuntimeOptions,
  streams: StreamSource,
  sqs: Backends['sqs'],
  handlers: FunctionHandlers,
): Promise<{ stats(): Promise<AllConsumerStats>; stop(): Promise<void> }> => {
  const queues = sqs.queues.filter(
    (q) => !options.unconsumedQueues?.includes(q.definition.name as QueueName),
  );
  const shared = {
    endpoint: sqs.endpoint,
    queues,
    ...(options.queueWaitSeconds === undefined ? {} : { waitTimeSeconds: options.queueWaitSeconds }),
    ...(options.consumerConcurrency ? { concurrency: options.consumerConcurrency } : {}),
  };
  const stubbed = options.handlers?.consumers || options.handlers?.streams;
  if (!options.consumersInProcess && !stubbed)
    return startConsumerThread({ ...shared, streams }, options.consumerThreadBundle);
  const relay = await startStreamRelay(streams, handlers.streams);
  const pollers = startQueuePollers({ ...shared, handlers: handlers.consumers });
  return {
    stats: async () => ({ queues: pollers.stats(), streams: relay.stats() }),
    stop: async () => {
      await Promise.all([pollers.stop(), relay.stop()]);
    },
  };
};

const boot = async (options: LocalRuntimeOptions, stoppers: Stopper[]): Promise<Booted> => {
  const port = options.port ?? DEFAULT_PORT;
  const tableName = options.tableName ?? DEFAULT_TABLE_NAME;
  // Before spawning Java: a taken port should fail in milliseconds, with nothing to clean up.
  if (port !== 0) await assertPortFree(port);
  const backends = await startBackends(options, tableName, stoppers);
  const handlers = await configureFunctions(options, tableName, backends, stoppers);
  const { sqs, signer } = backends;
  const pollers = await startConsumers(options, streamSource(options, tableName, backends), sqs, handlers);
  stoppers.push(pollers.stop);
  startSchedules(options, tableName, backends, stoppers);
  const localOutbox = localOutboxReader(backends.dynamoEndpoint, tableName);
  stoppers.push(localOutbox.close);
  const localEvents = localEventsReader(backends.dynamoEndpoint, tableName);
  stoppers.push(localEvents.close);
  const http = await startHttpServer({
    localOutbox,
    localEvents,
    port,
    handlers: handlers.http,
    verifyToken: signer.verifyToken,
    log: options.quiet ? undefined : (line) => console.log(line),
    ...(options.httpTimeoutScale ? { timeoutScale: options.httpTimeoutScale } : {}),
  });
  stoppers.push(http.stop);
  backends.payments.provider.setWebhookTarget(http.url);
  return {
    paymentProvider: backends.payments.provider,
    url: http.url,
    port: http.port,
    tableName,
    dynamoEndpoint: backends.dynamoEndpoint,
    sqsEndpoint: sqs.endpoint,
    queueUrls: queueUrlsOf(sqs.queues),
    s3Endpoint: backends.s3.endpoint,
    materialsBucket: backends.s3.bucket,
    mintToken: signer.mintToken,
    stats: async () => {
      const { queues, streams } = await pollers.stats();
      return { consumers: queues, streams };
    },
  };
};

/** A failed seed leaves a working (if empty) server: better for debugging than no server. */
const trySeed = async (runtime: Booted): Promise<string | undefined> => {
  try {
    return (await seedDemo(runtime.url, runtime.mintToken)).orgId;
  } catch (error) {
    console.warn(`local runtime: ${(error as Error).message}`);
    return undefined;
  }
};

export const startLocalRuntime = async (options: LocalRuntimeOptions = {}): Promise<LocalRuntime> => {
  const stoppers: Stopper[] = [];
  try {
    const runtime = await boot(options, stoppers);
    const demoOrgId = options.seed ? await trySeed(runtime) : undefined;
    return { ...runtime, ...(demoOrgId ? { demoOrgId } : {}), stop: () => stopAll(stoppers) };
  } catch (error) {
    await stopAll(stoppers);
    throw error;
  }
};
