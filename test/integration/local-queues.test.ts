import { randomUUID } from 'node:crypto';
import {
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { QueueDefinition } from '../../functions/app/queue-definitions.js';
import { type QueuePollers, type SqsHandler, startQueuePollers } from '../../scripts/local/queue-poller.js';
import { createQueues, type LocalQueue, localSqsClient } from '../../scripts/local/queues.js';
import { testServers } from '../support/env.js';

/** The local event source mapping against the run's real fauxqs, with a stub consumer. */

// Short visibility and few receives, so redelivery and the DLQ are reached in seconds.
const fastJobs: QueueDefinition = {
  name: 'jobs',
  consumer: 'jobs',
  visibilityTimeoutSeconds: 1,
  maxReceiveCount: 2,
  batchSize: 5,
  // One poller: the tests below count receives of one batch at a time.
  maxConcurrency: 1,
  maxBatchingWindowSeconds: 0,
  oldestMessageAlarmSeconds: 60,
};

describe('local queue pollers', () => {
  let sqs: SQSClient;
  let endpoint: string;
  let pollers: QueuePollers | undefined;

  beforeAll(() => {
    endpoint = testServers().sqsEndpoint;
    sqs = localSqsClient(endpoint);
  });
  afterEach(async () => {
    await pollers?.stop();
    pollers = undefined;
  });
  afterAll(() => sqs.destroy());

  const freshQueue = async (): Promise<LocalQueue> => {
    const [queue] = await createQueues({
      endpoint,
      prefix: `lq-${randomUUID().slice(0, 8)}`,
      definitions: [fastJobs],
    });
    if (!queue) throw new Error('no queue created');
    return queue;
  };

  const poll = (queue: LocalQueue, handler: SqsHandler): void => {
    pollers = startQueuePollers({
      endpoint,
      queues: [queue],
      handlers: {
        jobs: handler,
        holds: handler,
        notifications: handler,
        payments: handler,
        nightly: handler,
        webhooks: handler,
      },
      waitTimeSeconds: 1,
    });
  };

  const countMessages = async (url: string): Promise<number> => {
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    return (
      Number(Attributes.ApproximateNumberOfMessages) +
      Number(Attributes.ApproximateNumberOfMessagesNotVisible)
    );
  };

  it('delivers a message to the consumer as a Lambda SQS event and deletes it after success', async () => {
    const queue = await freshQueue();
    const events: SQSEvent[] = [];
    poll(queue, async (event) => {
      events.push(event);
      return { batchItemFailures: [] };
    });
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queue.url,
        MessageBody: '{"type":"nightly.tick"}',
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'tick' } },
      }),
    );
    await vi.waitFor(() => expect(events).toHaveLength(1), { timeout: 5000 });
    const record = events[0]?.Records[0];
    expect(record).toMatchObject({
      body: '{"type":"nightly.tick"}',
      eventSource: 'aws:sqs',
      eventSourceARN: queue.arn,
      awsRegion: 'us-east-1',
      attributes: { ApproximateReceiveCount: '1' },
      messageAttributes: { kind: { dataType: 'String', stringValue: 'tick' } },
    });
    expect(record?.messageId).toBeTruthy();
    expect(record?.receiptHandle).toBeTruthy();
    await vi.waitFor(async () => expect(await countMessages(queue.url)).toBe(0), { timeout: 5000 });
  });

  it('redelivers only the reported failures and moves them to the DLQ after maxReceiveCount', async () => {
    const queue = await freshQueue();
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: [
          { Id: 'good', MessageBody: 'good' },
          { Id: 'bad', MessageBody: 'bad' },
        ],
      }),
    );
    const seen: { body: string; receiveCount: string }[] = [];
    poll(queue, async (event): Promise<SQSBatchResponse> => {
      for (const r of event.Records)
        seen.push({ body: r.body, receiveCount: r.attributes.ApproximateReceiveCount });
      return {
        batchItemFailures: event.Records.filter((r) => r.body === 'bad').map((r) => ({
          itemIdentifier: r.messageId,
        })),
      };
    });
    await vi.waitFor(
      async () => {
        const dead = await sqs.send(
          new ReceiveMessageCommand({ QueueUrl: queue.dlqUrl, WaitTimeSeconds: 0 }),
        );
        expect(dead.Messages?.map((m) => m.Body)).toEqual(['bad']);
      },
      { timeout: 10_000, interval: 250 },
    );
    expect(seen.filter((s) => s.body === 'good')).toEqual([{ body: 'good', receiveCount: '1' }]);
    expect(seen.filter((s) => s.body === 'bad').map((s) => s.receiveCount)).toEqual(['1', '2']);
  });

  it('redelivers the whole batch when the consumer throws', async () => {
    const queue = await freshQueue();
    let calls = 0;
    poll(queue, async () => {
      calls += 1;
      if (calls === 1) throw new Error('consumer crashed');
      return { batchItemFailures: [] };
    });
    await sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'retry me' }));
    await vi.waitFor(() => expect(calls).toBe(2), { timeout: 5000 });
    await vi.waitFor(async () => expect(await countMessages(queue.url)).toBe(0), { timeout: 5000 });
  });

  it('counts a batch that outruns its function timeout as a time-out and deletes nothing of it', async () => {
    const queue = await freshQueue();
    let calls = 0;
    pollers = startQueuePollers({
      endpoint,
      queues: [queue],
      handlers: {
        jobs: async () => {
          calls += 1;
          // The first run outlives its one-second timeout; the redelivery is quick.
          if (calls === 1) await new Promise((r) => setTimeout(r, 1_500));
          return { batchItemFailures: [] };
        },
        holds: async () => undefined,
        notifications: async () => undefined,
        payments: async () => undefined,
        nightly: async () => undefined,
        webhooks: async () => undefined,
      },
      waitTimeSeconds: 1,
      timeoutSeconds: { jobs: 1 },
      log: () => undefined,
    });
    await sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'slow' }));
    await vi.waitFor(() => expect(calls).toBe(2), { timeout: 8000, interval: 100 });
    await vi.waitFor(async () => expect(await countMessages(queue.url)).toBe(0), { timeout: 5000 });
    expect(pollers.stats().jobs).toMatchObject({ batches: 2, records: 2, failedRecords: 1, timeouts: 1 });
  });

  it('runs as many batches of a queue at once as its concurrency allows', async () => {
    const queue = await freshQueue();
    let inFlight = 0;
    let most = 0;
    const handler: SqsHandler = async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 300));
      inFlight -= 1;
      return { batchItemFailures: [] };
    };
    pollers = startQueuePollers({
      endpoint,
      queues: [queue],
      handlers: {
        jobs: handler,
        holds: handler,
        notifications: handler,
        payments: handler,
        nightly: handler,
        webhooks: handler,
      },
      waitTimeSeconds: 1,
      concurrency: { jobs: 3 },
    });
    await sqs.send(
      new SendMessageBatchCommand({
        QueueUrl: queue.url,
        Entries: Array.from({ length: 10 }, (_, i) => ({ Id: `m${i}`, MessageBody: `m${i}` })),
      }),
    );
    await vi.waitFor(async () => expect(await countMessages(queue.url)).toBe(0), { timeout: 8000 });
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(3);
  });
});
