import { Duration } from 'aws-cdk-lib';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { holdsSweepMessage } from '../../functions/contracts/holds.js';

export interface HoldsSweeperProps {
  /** The holds queue: the sweep runs in the same consumer as the per-hold schedules. */
  queue: IQueue;
}

/**
 * A rule that drops one `holds.sweep` message on the holds queue every minute, so a hold whose
 * schedule never fired is released at most about a minute late. Through the queue, like the
 * schedules, so a failed sweep is retried and ends in the same dead-letter queue.
 */
export class HoldsSweeper extends Construct {
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: HoldsSweeperProps) {
    super(scope, id);
    this.rule = new Rule(this, 'Rule', {
      description: 'Hold sweeper: releases held bookings past their deadline that no schedule released',
      schedule: Schedule.rate(Duration.minutes(1)),
      targets: [new SqsQueue(props.queue, { message: RuleTargetInput.fromObject(holdsSweepMessage) })],
    });
  }
}
