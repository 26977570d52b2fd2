import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { functionDefinitions } from '../../functions/app/function-definitions.js';
import { type QueueDefinition, queueDefinitions } from '../../functions/app/queue-definitions.js';
import { lambdaContext } from './lambda-context.js';
import { type LocalQueue, localSqsClient } from './queues.js';
import { toSqsEvent } from './sqs-event.js';
import { timedOut, withinTimeout } from './timed-invoke.js';

/**
 * The part of the Lambda SQS event source mapping the emulator lacks: long-poll each queue, hand
 * batches to the consumer function, delete what succeeded. Failed records are left alone, so they
 * come back after the visibility timeout and SQS moves them to the DLQ after maxReceiveCount.
 */

export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | undefined>;
export type ConsumerHandlers = Record<QueueDefinition['consumer'], SqsHandler>;

export interface QueuePollerOptions {
  endpoint: string;
  queues: readonly LocalQueue[];
  handlers: ConsumerHandlers;
  /** Long-poll wait; shorter makes stop() quicker to settle in tests. */
  waitTimeSeconds?: number;
  /** Batches in flight per queue (default: the queue definition's maxConcurrency). */
  concurrency?: Partial<Record<QueueDefinition['name'], number>>;
  /** Function time-outs in seconds (default: the function definitions'); tests shorten them. */
  timeoutSeconds?: Partial<Record<QueueDefinition['consumer'], number>>;
  log?: (message: string, error?: unknown) => void;
}

/** What one consumer did so far; a time-out is a batch that outran its function's timeout. */
export interface ConsumerStats {
  batches: number;
  records: number;
  failedRecords: number;
  timeouts: number;
  maxBatchMs: number;
}

export type ConsumerName = QueueDefinition['consumer'];

/** Every consumer function, as the queue definitions name them (one may consume several queues). */
export const consumerNames = (): ConsumerName[] => [...new Set(queueDefinitions.map((q) => q.consumer))];

export interface QueuePollers {
  stats(): Record<ConsumerName, ConsumerStats>;
  stop(): Promise<void>;
}

interface PollContext {
  client: SQSClient;
  queue: LocalQueue;
  handler: SqsHandler;
  signal: AbortSignal;
  waitTimeSeconds: number;
  stats: ConsumerStats;
  timeoutSeconds: number;
  /** Invocations still running (a timed-out one goes on in this process): stop() waits for them. */
  running: Set<Promise<unknown>>;
  log: (message: string, error?: unknown) => void;
}

const RETRY_AFTER_ERROR_MS = 1000;

/** Waits `ms`, or less when `signal` aborts; leaves no listener on the signal behind. */
export const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((done) => {
    const wake = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', wake);
      done();
    };
    const timer = setTimeout(wake, ms);
    signal.addEventListener('abort', wake, { once: true });
  });

const receive = async (ctx: PollContext): Promise<Message[]> => {
  const out = await ctx.client.send(
    new ReceiveMessageCommand({
      QueueUrl: ctx.queue.url,
      MaxNumberOfMessages: ctx.queue.definition.batchSize,
      WaitTimeSeconds: ctx.waitTimeSeconds,
      MessageSystemAttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    }),
    { abortSignal: ctx.signal },
  );
  return out.Messages ?? [];
};

/** Like Lambda: an identifier that names no record of the batch fails the whole batch. */
const succeededMessages = (messages: Message[], response: SQSBatchResponse | undefined): Message[] => {
  const failures = response?.batchItemFailures ?? [];
  const ids = new Set(messages.map((m) => m.MessageId));
  if (failures.some((f) => !ids.has(f.itemIdentifier))) return [];
  const failed = new Set(failures.map((f) => f.itemIdentifier));
  return messages.filter((m) => !failed.has(m.MessageId ?? ''));
};

const deleteMessages = async (ctx: PollContext, messages: Message[]): Promise<void> => {
  if (messages.length === 0) return;
  const out = await ctx.client.send(
    new DeleteMessageBatchCommand({
      QueueUrl: ctx.queue.url,
      Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
    }),
  );
  for (const failure of out.Failed ?? [])
    ctx.log(`delete failed on ${ctx.queue.definition.name}: ${failure.Message}`);
};

/**
 * Like Lambda: an invocation that outruns its function's timeout is a failed batch (nothing is
 * deleted, every record comes back after the visibility timeout), counted as a time-out.
 */
const invoke = async (ctx: PollContext, messages: Message[]): Promise<void> => {
  const consumer = ctx.queue.definition.consumer;
  const limits = { ...functionDefinitions[consumer], timeoutSeconds: ctx.timeoutSeconds };
  const context = lambdaContext(consumer, limits);
  const started = Date.now();
  try {
    const run = ctx.handler(toSqsEvent(messages, ctx.queue.arn), context);
    const response = await withinTimeout(run, limits.timeoutSeconds, ctx.running);
    if (response === timedOut) {
      ctx.stats.timeouts += 1;
      ctx.stats.failedRecords += messages.length;
      ctx.log(
        `consumer ${consumer} timed out after ${limits.timeoutSeconds} s on ${ctx.queue.definition.name}`,
      );
      return;
    }
    const succeeded = succeededMessages(messages, response);
    ctx.stats.failedRecords += messages.length - succeeded.length;
    await deleteMessages(ctx, succeeded);
  } catch (error) {
    // A thrown error fails the whole batch: nothing is deleted, every record comes back. middy
    // ends a handler that reaches its deadline with a TimeoutError, as Lambda would end it.
    if ((error as Error).name === 'TimeoutError') ctx.stats.timeouts += 1;
    ctx.stats.failedRecords += messages.length;
    ctx.log(`consumer ${consumer} failed on ${ctx.queue.definition.name}`, error);
  } finally {
    ctx.stats.batches += 1;
    ctx.stats.records += messages.length;
    ctx.stats.maxBatchMs = Math.max(ctx.stats.maxBatchMs, Date.now() - started);
  }
};

const pollLoop = async (ctx: PollContext): Promise<void> => {
  while (!ctx.signal.aborted) {
    let messages: Message[];
    try {
      messages = await receive(ctx);
    } catch (error) {
      if (ctx.signal.aborted) return;
      ctx.log(`receive failed on ${ctx.queue.definition.name}`, error);
      await sleep(RETRY_AFTER_ERROR_MS, ctx.signal);
      continue;
    }
    if (messages.length > 0) await invoke(ctx, messages);
  }
};

const defaultLog = (message: string, error?: unknown): void => {
  console.error(`[queues] ${message}`, error ?? '');
};

export const emptyStats = (): ConsumerStats => ({
  batches: 0,
  records: 0,
  failedRecords: 0,
  timeouts: 0,
  maxBatchMs: 0,
});

export const startQueuePollers = (options: QueuePollerOptions): QueuePollers => {
  const client = localSqsClient(options.endpoint);
  const controller = new AbortController();
  const stats = Object.fromEntries(consumerNames().map((name) => [name, emptyStats()])) as Record<
    ConsumerName,
    ConsumerStats
  >;
  const running = new Set<Promise<unknown>>();
  // Like an event source mapping scaled out: several pollers per queue, each one batch at a time.
  const loops = options.queues.flatMap((queue) => {
    const concurrency = options.concurrency?.[queue.definition.name] ?? queue.definition.maxConcurrency;
    const ctx: PollContext = {
      client,
      queue,
      handler: options.handlers[queue.definition.consumer],
      signal: controller.signal,
      waitTimeSeconds: options.waitTimeSeconds ?? 20,
      stats: stats[queue.definition.consumer],
      timeoutSeconds:
        options.timeoutSeconds?.[queue.definition.consumer] ??
        functionDefinitions[queue.definition.consumer].timeoutSeconds,
      running,
      log: options.log ?? defaultLog,
    };
    return Array.from({ length: Math.max(1, concurrency) }, () => pollLoop(ctx));
  });
  return {
    stats: () => structuredClone(stats),
    stop: async () => {
      controller.abort();
      await Promise.all(loops);
      await Promise.allSettled([...running]);
      client.destroy();
    },
  };
};
