import { Duration } from 'aws-cdk-lib';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deliveredTo } from './rule-target.js';

export interface MinuteSweeperProps {
  /** The queue whose consumer runs the sweep. */
  queue: IQueue;
  /** Where a tick EventBridge could not deliver is kept. */
  deadLetterQueue: IQueue;
  /** The sweep message its consumer expects. */
  message: Record<string, unknown>;
  description: string;
}

/**
 * A rule that drops one sweep message on a queue every minute: the safety net behind work that
 * is normally triggered one item at a time (hold-expiry schedules, the outbox's post-commit
 * relay), so whatever that missed is picked up about a minute later. Through the queue, so a
 * failed sweep is retried and ends in the same dead-letter queue as the rest of its work.
 */
export class MinuteSweeper extends Construct {
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: MinuteSweeperProps) {
    super(scope, id);
    this.rule = new Rule(this, 'Rule', {
      description: props.description,
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [deliveredTo(props.queue, props.message, props.deadLetterQueue)],
    });
  }
}
