import { Duration } from 'aws-cdk-lib';
import { type Alarm, ComparisonOperator, type Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface OperationalAlarmsProps {
  tenantId: string;
  alarmEmail?: string;
  deadLetterQueues: Record<string, IQueue>;
  functions: Record<string, IFunction>;
}

const fiveMinutes = Duration.minutes(5);

/**
 * Alarms an operator must act on: a message reached a dead-letter queue (a job failed every retry)
 * or a function threw. They notify one encrypted topic; `alarmEmail` subscribes to it.
 */
export class OperationalAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: OperationalAlarmsProps) {
    super(scope, id);
    // A customer-managed key: the AWS-managed SNS key cannot be granted to CloudWatch, which must
    // encrypt the alarm notifications it publishes.
    const key = new Key(this, 'TopicKey', {
      enableKeyRotation: true,
      description: 'Encrypts the Evently alarm topic',
    });
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new Topic(this, 'Topic', {
      masterKey: key,
      enforceSSL: true,
      displayName: `Evently alarms (${props.tenantId})`,
    });
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    for (const [name, dlq] of Object.entries(props.deadLetterQueues)) {
      const visible = dlq.metricApproximateNumberOfMessagesVisible({
        period: fiveMinutes,
        statistic: 'Maximum',
      });
      this.alarmOn(`${name}DeadLetters`, visible, `Messages of the ${name} queue failed every retry`);
    }
    for (const [name, fn] of Object.entries(props.functions)) {
      const errors = fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' });
      this.alarmOn(`${name}Errors`, errors, `The ${name} function failed invocations`);
    }
  }

  private alarmOn(id: string, metric: Metric, description: string): void {
    const alarm = metric.createAlarm(this, id, {
      alarmDescription: description,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
