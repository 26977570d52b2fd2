import { Duration } from 'aws-cdk-lib';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { outboxSweepMessage } from '../../functions/contracts/notifications.js';

export interface OutboxSweeperProps {
  /** The notifications queue: its consumer runs the sweep. */
  queue: IQueue;
}

/**
 * A rule that drops one `outbox.sweep` message on the notifications queue every minute: outbox
 * items whose post-commit relay was lost (the process died between commit and enqueue) are
 * re-enqueued within about a minute and a half (the sweep's grace period plus its interval).
 */
export class OutboxSweeper extends Construct {
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: OutboxSweeperProps) {
    super(scope, id);
    this.rule = new Rule(this, 'Rule', {
      description: 'Outbox sweeper: re-enqueues outbox items still pending after their fast path',
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new SqsQueue(props.queue, { message: RuleTargetInput.fromObject(outboxSweepMessage) })],
    });
  }
}
