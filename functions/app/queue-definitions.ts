import { notificationRedelivery } from '../modules/notifications/domain/handoff.js';

/**
 * Every SQS queue of the system. CDK creates each one with its dead-letter queue; the local
 * runtime creates the same queues in fauxqs and polls them with the same consumer handlers.
 */
export interface QueueDefinition {
  /** Logical name, used in env var names (QUEUE_URL_<NAME>) and physical names. */
  name: string;
  /** The Lambda function (see route manifest function names) that consumes the queue. */
  consumer: 'jobs' | 'holds' | 'notifications' | 'payments' | 'nightly' | 'webhooks';
  visibilityTimeoutSeconds: number;
  /** Receives before a message moves to the dead-letter queue. */
  maxReceiveCount: number;
  batchSize: number;
  /**
   * Batches in flight at once: the event source mapping's maximum concurrency in AWS (at least 2),
   * and the pollers the local runtime runs for the queue.
   */
  maxConcurrency: number;
  /**
   * How long the event source mapping gathers records before invoking (seconds): a few records per
   * invocation instead of one when traffic is light, at the cost of that much latency.
   */
  maxBatchingWindowSeconds: number;
  /** The oldest waiting message may be this old (seconds) before the queue-age alarm pages. */
  oldestMessageAlarmSeconds: number;
}

/**
 * AWS's rule for an SQS event source: the visibility timeout at least six times the consumer's
 * timeout (plus the batching window), so a batch retried after throttling or a timeout is not
 * handed to a second invocation while the first may still be working on it.
 */
export const visibilityTimeoutFactor = 6;

export const queueDefinitions = [
  {
    // Background jobs: cascade deletes and session cancellations.
    name: 'jobs',
    consumer: 'jobs',
    visibilityTimeoutSeconds: 400,
    maxReceiveCount: 5,
    batchSize: 5,
    maxConcurrency: 2,
    // Nothing here is urgent: gather a few jobs per invocation.
    maxBatchingWindowSeconds: 5,
    oldestMessageAlarmSeconds: 900,
  },
  {
    // The nightly run (docs/nightly.md): the tick, each organization's steps, chunks of sessions.
    // Its own queue: a night's thousands of chunks must not delay a cascade delete on `jobs`.
    name: 'nightly',
    consumer: 'nightly',
    visibilityTimeoutSeconds: 400,
    maxReceiveCount: 5,
    batchSize: 5,
    // Chunks run side by side: 100k sessions in well under the hour (docs/nightly.md).
    maxConcurrency: 10,
    maxBatchingWindowSeconds: 1,
    // The whole run is due within the hour.
    oldestMessageAlarmSeconds: 1_800,
  },
  {
    // Hold expiries (from EventBridge Scheduler, one message per hold) and the one-minute sweep.
    // Its own queue and consumer: a deadline must not wait behind a long cascade delete on `jobs`.
    name: 'holds',
    consumer: 'holds',
    visibilityTimeoutSeconds: 60,
    maxReceiveCount: 5,
    batchSize: 10,
    maxConcurrency: 2,
    // Due at a deadline or awaited by a person: invoke as soon as a message arrives.
    maxBatchingWindowSeconds: 0,
    oldestMessageAlarmSeconds: 120,
  },
  {
    // Notification deliveries from the outbox relay, and the relay's sweep. Its own queue: a slow
    // email provider must not hold up hold expiries, and its DLQ holds exactly the notifications
    // that failed every attempt. The visibility timeout is also the delivery claim's lease, and
    // with the receive count it makes the window in which the outbox never hands an item again.
    name: 'notifications',
    consumer: 'notifications',
    visibilityTimeoutSeconds: notificationRedelivery.visibilityTimeoutSeconds,
    maxReceiveCount: notificationRedelivery.maxReceiveCount,
    batchSize: 10,
    // Deliveries wait on providers and the table, not on CPU: more batches in flight keep up.
    maxConcurrency: 4,
    // Due at a deadline or awaited by a person: invoke as soon as a message arrives.
    maxBatchingWindowSeconds: 0,
    oldestMessageAlarmSeconds: 300,
  },
  {
    // Stored webhook receipts to apply. Its own queue: money must not wait behind deliveries or
    // cascades, and its DLQ holds exactly the receipts that failed every attempt.
    name: 'payments',
    consumer: 'payments',
    visibilityTimeoutSeconds: 120,
    maxReceiveCount: 8,
    batchSize: 10,
    maxConcurrency: 2,
    // Due at a deadline or awaited by a person: invoke as soon as a message arrives.
    maxBatchingWindowSeconds: 0,
    oldestMessageAlarmSeconds: 300,
  },
  {
    // Outgoing webhooks (docs/webhooks.md): the domain events the tenant's bus puts here (the body
    // is the DomainEvent itself), each fanned out to the organization's subscriptions as deliveries.
    // Quick work: its own queue, apart from the lanes, so that slow receivers never hold it up.
    name: 'webhooks',
    consumer: 'webhooks',
    // 6 x the function's 30 s timeout.
    visibilityTimeoutSeconds: 180,
    maxReceiveCount: 5,
    batchSize: 10,
    maxConcurrency: 5,
    maxBatchingWindowSeconds: 0,
    oldestMessageAlarmSeconds: 300,
  },
  {
    // Automation workflows (docs/automations.md): the bus's rule puts every domain event here too,
    // wrapped as an `automations.event` message. Consumed by the `webhooks` function, the one that
    // holds the webhook key and calls receivers (a workflow's webhook action); a run's actions are a
    // few writes and at most five calls of up to 5 s each.
    name: 'automations',
    consumer: 'webhooks',
    // 6 x the function's 30 s timeout.
    visibilityTimeoutSeconds: 180,
    maxReceiveCount: 5,
    batchSize: 5,
    maxConcurrency: 3,
    maxBatchingWindowSeconds: 0,
    oldestMessageAlarmSeconds: 300,
  },
  {
    // Webhook lanes: one message runs one subscription's lane, which sends its deliveries in order
    // for as long as the function has time (a receiver may take 5 s per answer); a backoff's wait
    // is a message sent again with DelaySeconds. Its own queue and concurrency: lanes wait on
    // receivers, and many slow ones must not starve the fan-out of new events.
    name: 'lanes',
    consumer: 'webhooks',
    // 6 x the function's 30 s timeout: a lane's lease (60 s) ends well before a message comes back.
    visibilityTimeoutSeconds: 180,
    maxReceiveCount: 5,
    // Lanes of different subscriptions run side by side in one batch; a small batch answers sooner.
    batchSize: 5,
    maxConcurrency: 10,
    maxBatchingWindowSeconds: 0,
    // A wait of a backoff is a delayed message (up to 15 minutes): only older than that is late.
    oldestMessageAlarmSeconds: 1_800,
  },
] as const satisfies readonly QueueDefinition[];

export type QueueName = (typeof queueDefinitions)[number]['name'];

export const queueUrlEnvVar = (name: QueueName): string => `QUEUE_URL_${name.toUpperCase()}`;
