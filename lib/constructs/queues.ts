import { Duration } from 'aws-cdk-lib';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionName } from '../../functions/app/function-definitions.js';
import {
  type QueueDefinition,
  type QueueName,
  queueDefinitions,
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

/** Every queue from the queue definitions, each with its dead-letter queue. */
export class WorkQueues extends Construct {
  private readonly queues = new Map<QueueName, WorkQueue>();

  constructor(scope: Construct, id: string) {
    super(scope, id);
    for (const definition of queueDefinitions) {
      const deadLetterQueue = new Queue(this, `${definition.name}-dlq`, {
        ...queueSecurity,
        // The longest SQS allows: time to inspect and redrive a failed message.
        retentionPeriod: Duration.days(14),
      });
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
      // SQS would hand a message to a second consumer while the first is still working on it.
      const consumerTimeout = consumer.definition.timeoutSeconds;
      if (definition.visibilityTimeoutSeconds < consumerTimeout) {
        throw new Error(
          `Queue "${definition.name}": visibility timeout ${definition.visibilityTimeoutSeconds}s is shorter ` +
            `than its consumer's timeout ${consumerTimeout}s`,
        );
      }
      consumer.function.addEventSource(
        new SqsEventSource(queue, {
          batchSize: definition.batchSize,
          reportBatchItemFailures: true,
          maxConcurrency: definition.maxConcurrency,
        }),
      );
    }
  }
}
