import { Duration } from 'aws-cdk-lib';
import { RuleTargetInput } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';

/**
 * A rule's queue target: a tick EventBridge cannot deliver within the hour (a later tick supersedes
 * it) goes to the dead-letter queue, where the delivery-failure alarm sees it, instead of vanishing.
 */
export const deliveredTo = (queue: IQueue, message: object, deadLetterQueue: IQueue): SqsQueue =>
  new SqsQueue(queue, {
    message: RuleTargetInput.fromObject(message),
    deadLetterQueue,
    retryAttempts: 10,
    maxEventAge: Duration.hours(1),
  });
