import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionName } from '../../functions/app/function-definitions.js';
import {
  type QueueDefinition,
  type QueueName,
  queueDefinitions,
  visibilityTimeoutFactor,
} from '../../functions/app/queue-definitions.js';
import type { ServiceFunction } from './lambda-function.js';

export interface WorkQueue {
  definition: QueueDefinition;
  queue: Queue;
  deadLetterQueue: Queue;
}

/**
 * SSE-SQS (SQS-managed keys) rather than a KMS key: EventBridge rules and EventBridge Scheduler can
 * deliver to it without key-policy plumbing, and messages hold ids, not personal data.
 */
const queueSecurity = { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true } as const;

/** AWS's floor for an SQS event source's visibility timeout (see `visibilityTimeoutFactor`). */
export const minimumVisibilityTimeout = (
  definition: Pick<QueueDefinition, 'maxBatchingWindowSeconds'>,
  consumerTimeoutSeconds: number,
): number => visibilityTimeoutFactor * consumerTimeoutSeconds + definition.maxBatchingWindowSeconds;

/** A dead-letter queue is where failures end: one behind it would only move them further away. */
export const acknowledgeTerminal = (deadLetterQueue: Queue): void =>
  Validations.of(deadLetterQueue).acknowledge({
    id: 'Serverless-SQSRedrivePolicy',
    reason:
      'A dead-letter queue: its messages are kept 14 days, alarmed on arrival and redriven by an operator ' +
      '(docs/operations.md); a redrive policy of its own would hide them in yet another queue.',
  });

/**
 * The longest SQS keeps a message: time to inspect and redrive what failed. Dead-letter queues also
 * outlive the stack: deleting a tenant's app stack must not silently drop what failed.
 */
const deadLetterRetention = Duration.days(14);
export const deadLetterProps = {
  ...queueSecurity,
  retentionPeriod: deadLetterRetention,
  removalPolicy: RemovalPolicy.RETAIN,
};

/**
 * Every queue from the queue definitions, each with its dead-letter queue, and one more
 * dead-letter queue for the deliveries that never reached a work queue (EventBridge rules' and
 * Scheduler's targets).
 */
export class WorkQueues extends Construct {
  private readonly queues = new Map<QueueName, WorkQueue>();
  /**
   * Messages an EventBridge rule or an EventBridge Scheduler schedule could not put on their work
   * queue after their own retries: a sweep tick, a nightly tick, a hold expiry. Redriven by hand to
   * the queue named in each message's attributes (docs/operations.md).
   */
  readonly deliveryDeadLetterQueue: Queue;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.deliveryDeadLetterQueue = new Queue(this, 'delivery-dlq', deadLetterProps);
    Validations.of(this.deliveryDeadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        "A dead-letter queue itself: the DeadLetterConfig of the EventBridge rules' targets and of every " +
        'one-off Scheduler schedule names it, which the rule (looking only at SQS redrive policies) cannot see.',
    });
    acknowledgeTerminal(this.deliveryDeadLetterQueue);
    for (const definition of queueDefinitions) {
      const deadLetterQueue = new Queue(this, `${definition.name}-dlq`, deadLetterProps);
      acknowledgeTerminal(deadLetterQueue);
      const queue = new Queue(this, definition.name, {
        ...queueSecurity,
        visibilityTimeout: Duration.seconds(definition.visibilityTimeoutSeconds),
        deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: definition.maxReceiveCount },
      });
      this.queues.set(definition.name, { definition, queue, deadLetterQueue });
    }
  }

  get(name: QueueName): WorkQueue {
    const found = this.queues.get(name);
    if (!found) throw new Error(`No queue named "${name}" in the queue definitions`);
    return found;
  }

  all(): WorkQueue[] {
    return [...this.queues.values()];
  }

  /** Wires each queue to its consumer; failed records of a batch are retried alone, not the batch. */
  attachConsumers(functions: Record<FunctionName, ServiceFunction>): void {
    for (const { definition, queue } of this.queues.values()) {
      const consumer = functions[definition.consumer];
      const needed = minimumVisibilityTimeout(definition, consumer.definition.timeoutSeconds);
      if (definition.visibilityTimeoutSeconds < needed) {
        throw new Error(
          `Queue "${definition.name}": visibility timeout ${definition.visibilityTimeoutSeconds}s is shorter ` +
            `than ${needed}s (${visibilityTimeoutFactor} x its consumer's timeout ` +
            `${consumer.definition.timeoutSeconds}s + its batching window)`,
        );
      }
      // Through the alias, so a new version takes its share of the queue as the deploy shifts it.
      consumer.alias.addEventSource(
        new SqsEventSource(queue, {
          batchSize: definition.batchSize,
          reportBatchItemFailures: true,
          maxConcurrency: definition.maxConcurrency,
          maxBatchingWindow: Duration.seconds(definition.maxBatchingWindowSeconds),
        }),
      );
    }
  }
}
