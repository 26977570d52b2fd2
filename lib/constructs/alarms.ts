import { Duration, Stack } from 'aws-cdk-lib';
import {
  type Alarm,
  ComparisonOperator,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
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
  /** Where the notifications function publishes its back-pressure metrics. */
  notificationMetrics: { namespace: string; service: string };
}

/** The oldest undelivered notification may be this old before someone is paged. */
const oldestWaitingLimitSeconds = 300;
/** More hand-offs per delivered notification than this means the outbox re-sends live messages. */
const handoffsPerDeliveryLimit = 1.5;

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
    // `enforceSSL` gives the topic a policy of its own, which replaces SNS's default one: without
    // this statement nobody, CloudWatch included, may publish, and no alarm would ever arrive.
    const { account, partition, region } = Stack.of(this);
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          ArnLike: { 'aws:SourceArn': `arn:${partition}:cloudwatch:${region}:${account}:alarm:*` },
          StringEquals: { 'aws:SourceAccount': account },
        },
      }),
    );
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
    this.backPressureAlarms(props.notificationMetrics);
  }

  /**
   * Delivery falling behind shows in the age of the oldest waiting notification (published by
   * every outbox sweep, once a minute) long before the DLQ fills; re-sends feeding a backlog show
   * in the hand-offs per delivered notification.
   */
  private backPressureAlarms({ namespace, service }: OperationalAlarmsProps['notificationMetrics']): void {
    const metric = (metricName: string, statistic: string) =>
      new Metric({ namespace, metricName, dimensionsMap: { service }, statistic, period: fiveMinutes });
    this.alarmOn(
      'NotificationBacklog',
      metric('outboxOldestWaitingSeconds', 'Maximum'),
      `A notification has waited more than ${oldestWaitingLimitSeconds} s for delivery`,
      { threshold: oldestWaitingLimitSeconds, evaluationPeriods: 2 },
    );
    const perDelivery = new MathExpression({
      expression: 'handoffs / MAX([delivered, 1])',
      usingMetrics: {
        handoffs: metric('notificationHandoffs', 'Sum'),
        delivered: metric('notificationsDelivered', 'Sum'),
      },
      period: fiveMinutes,
      label: 'hand-offs per delivered notification',
    });
    this.alarmOn(
      'NotificationResends',
      perDelivery,
      `Notifications were handed to the queue more than ${handoffsPerDeliveryLimit} times per delivery`,
      { threshold: handoffsPerDeliveryLimit, evaluationPeriods: 3 },
    );
  }

  private alarmOn(
    id: string,
    metric: Metric | MathExpression,
    description: string,
    limit: { threshold: number; evaluationPeriods: number } = { threshold: 1, evaluationPeriods: 1 },
  ): void {
    const alarm = metric.createAlarm(this, id, {
      alarmDescription: description,
      ...limit,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
