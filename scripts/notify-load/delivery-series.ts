import {
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse } from 'aws-lambda';
import { functionDefinitions } from '../../functions/app/function-definitions.js';
import { queueDefinitions } from '../../functions/app/queue-definitions.js';
import { lambdaContext } from '../local/lambda-context.js';
import type { SqsHandler } from '../local/queue-poller.js';
import { toSqsEvent } from '../local/sqs-event.js';
import { type SeriesPlan, type TimeBatch, type TimedSeries, timeBatches } from './batch-timing.js';

/**
 * The notifications consumer's work on real queue messages, with this process standing in for
 * the event source mapping: receive up to a batch, invoke the handler with a Lambda context,
 * delete what it did not report failed. `concurrency` workers do so at once until `expected`
 * deliveries have succeeded.
 */

const batchSize = queueDefinitions.find((q) => q.name === 'notifications')?.batchSize ?? 10;
/** No delivery for this long means something is stuck (a failed record waits out its visibility timeout). */
const stallTimeoutMs = 120_000;

export interface NotificationsQueue {
  sqs: SQSClient;
  url: string;
  arn: string;
}

export const queueArnOf = async (sqs: SQSClient, url: string): Promise<string> => {
  const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  const arn = out.Attributes?.QueueArn;
  if (!arn) throw new Error(`queue ${url} has no ARN`);
  return arn;
};

/** Like Lambda: an identifier naming no record of the batch fails the whole batch. */
const succeeded = (messages: Message[], response: SQSBatchResponse | undefined): Message[] => {
  const failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
  if ([...failed].some((id) => !messages.some((m) => m.MessageId === id))) return [];
  return messages.filter((m) => !failed.has(m.MessageId ?? ''));
};

export interface DeliveryRun {
  timed: TimedSeries;
  delivered: number;
  failedRecords: number;
}

const receive = (queue: NotificationsQueue, signal: AbortSignal) =>
  queue.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queue.url,
      MaxNumberOfMessages: batchSize,
      // Short: a worker that finds nothing visible (the last messages in other workers' hands) looks again soon.
      WaitTimeSeconds: 1,
      MessageSystemAttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    }),
    { abortSignal: signal },
  );

export const runDeliveries = async (
  queue: NotificationsQueue,
  handler: SqsHandler,
  { count: expected, concurrency, jvm }: SeriesPlan,
): Promise<DeliveryRun> => {
  let delivered = 0;
  let failedRecords = 0;
  let lastProgress = Date.now();
  // Ends the other workers' long polls once the last delivery is in, so the series' time stops there.
  const allDelivered = new AbortController();
  const deliverBatch = async (messages: Message[], timeBatch: TimeBatch): Promise<void> => {
    const event = toSqsEvent(messages, queue.arn);
    const context = lambdaContext('notifications', functionDefinitions.notifications);
    const response = await timeBatch(() => handler(event, context));
    const done = succeeded(messages, response);
    failedRecords += messages.length - done.length;
    if (done.length === 0) return;
    await queue.sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
      }),
    );
    delivered += done.length;
    lastProgress = Date.now();
    if (delivered >= expected) allDelivered.abort();
  };
  const worker = async (timeBatch: TimeBatch): Promise<void> => {
    while (!allDelivered.signal.aborted) {
      if (Date.now() - lastProgress > stallTimeoutMs)
        throw new Error(`no delivery for ${stallTimeoutMs / 1000} s: ${delivered} of ${expected} delivered`);
      let messages: Message[];
      try {
        messages = (await receive(queue, allDelivered.signal)).Messages ?? [];
      } catch (error) {
        if (allDelivered.signal.aborted) return;
        throw error;
      }
      if (messages.length > 0) await deliverBatch(messages, timeBatch);
    }
  };
  const timed = await timeBatches(concurrency, jvm, worker);
  return { timed, delivered, failedRecords };
};
