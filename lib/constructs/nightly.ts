import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { NightlyMessageBody } from '../../functions/modules/nightly/contracts/nightly.js';
import { deliveredTo } from './rule-target.js';

export interface NightlyTickProps {
  queue: IQueue;
  /** Where a tick EventBridge could not deliver is kept. */
  deadLetterQueue: IQueue;
  hourUtc: number;
  minuteUtc: number;
}

/** The message that starts the night's run (docs/nightly.md): its night is the day it is handled. */
export const nightlyTickMessage = { type: 'nightly.tick' } as const satisfies NightlyMessageBody;

/**
 * A cron rule that drops one `nightly.tick` message on the nightly queue each night. Going through the
 * queue (not invoking the function) gives the tick the same retries and dead-letter queue as every
 * other job.
 */
export class NightlyTick extends Construct {
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: NightlyTickProps) {
    super(scope, id);
    this.rule = new Rule(this, 'Rule', {
      description: 'Nightly tick: counter recounts, session forecasts and outcomes, audit summaries',
      schedule: Schedule.cron({ hour: String(props.hourUtc), minute: String(props.minuteUtc) }),
      targets: [deliveredTo(props.queue, nightlyTickMessage, props.deadLetterQueue)],
    });
  }
}
