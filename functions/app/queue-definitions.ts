import { notificationRedelivery } from '../modules/notifications/domain/handoff.js';

/**
 * Every SQS queue of the system. CDK creates each one with its dead-letter queue; the local
 * runtime creates the same queues in fauxqs and polls them with the same consumer handlers.
 */
export interface QueueDefinition {
  /** Logical name, used in env var names (QUEUE_URL_<NAME>) and physical names. */
  name: string;
  /** The Lambda function (see route manifest function names) that consumes the queue. */
  consumer: 'jobs' | 'holds' | 'notifications' | 'payments';
  visibilityTimeoutSeconds: number;
  /** Receives before a message moves to the dead-letter queue. */
  maxReceiveCount: number;
  batchSize: number;
  /**
   * Batches in flight at once: the event source mapping's maximum concurrency in AWS (at least 2),
   * and the pollers the local runtime runs for the queue.
   */
  maxConcurrency: number;
}

export const queueDefinitions = [
  {
    // Background jobs: cascade deletes and the nightly tick.
    name: 'jobs',
    consumer: 'jobs',
    visibilityTimeoutSeconds: 120,
    maxReceiveCount: 5,
    batchSize: 5,
    maxConcurrency: 2,
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
  },
  {
    // Stored webhook receipts to apply. Its own queue: money must not wait behind deliveries or
    // cascades, and its DLQ holds exactly the receipts that failed every attempt.
    name: 'payments',
    consumer: 'payments',
    visibilityTimeoutSeconds: 60,
    maxReceiveCount: 8,
    batchSize: 10,
    maxConcurrency: 2,
  },
] as const satisfies readonly QueueDefinition[];

export type QueueName = (typeof queueDefinitions)[number]['name'];

export const queueUrlEnvVar = (name: QueueName): string => `QUEUE_URL_${name.toUpperCase()}`;
