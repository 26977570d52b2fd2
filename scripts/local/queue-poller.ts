import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { functionDefinitions } from '../../functions/shared/function-definitions.js';
import type { QueueDefinition } from '../../functions/shared/queue-definitions.js';
import { lambdaContext } from './lambda-context.js';
import { type LocalQueue, localSqsClient } from './queues.js';
import { toSqsEvent } from './sqs-event.js';

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
  log?: (message: string, error?: unknown) => void;
}

export interface QueuePollers {
  stop(): Promise<void>;
}

interface PollContext {
  client: SQSClient;
  queue: LocalQueue;
  handler: SqsHandler;
  signal: AbortSignal;
  waitTimeSeconds: number;
  log: (message: string, error?: unknown) => void;
}

const RETRY_AFTER_ERROR_MS = 1000;

const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise((done) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      done();
    });
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

const invoke = async (ctx: PollContext, messages: Message[]): Promise<void> => {
  const consumer = ctx.queue.definition.consumer;
  const context = lambdaContext(consumer, functionDefinitions[consumer]);
  try {
    const response = await ctx.handler(toSqsEvent(messages, ctx.queue.arn), context);
    await deleteMessages(ctx, succeededMessages(messages, response));
  } catch (error) {
    // A thrown error fails the whole batch: nothing is deleted, every record comes back.
    ctx.log(`consumer ${consumer} failed on ${ctx.queue.definition.name}`, error);
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

export const startQueuePollers = (options: QueuePollerOptions): QueuePollers => {
  const client = localSqsClient(options.endpoint);
  const controller = new AbortController();
  const loops = options.queues.map((queue) =>
    pollLoop({
      client,
      queue,
      handler: options.handlers[queue.definition.consumer],
      signal: controller.signal,
      waitTimeSeconds: options.waitTimeSeconds ?? 20,
      log: options.log ?? defaultLog,
    }),
  );
  return {
    stop: async () => {
      controller.abort();
      await Promise.all(loops);
      client.destroy();
    },
  };
};
