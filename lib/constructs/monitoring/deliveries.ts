import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import type { IRule } from 'aws-cdk-lib/aws-events';
import type { IScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { type AlarmOn, anyInOnePeriod, fiveMinutes, sumOfCounts } from './monitored.js';

const counted = { period: fiveMinutes, statistic: 'Sum' } as const;

/**
 * A rule's target invocations that failed for good: dropped, dead-lettered, or lost on the way to
 * the DLQ. `name` (an identifier) labels the sum and prefixes its metric ids.
 */
const ruleFailures = (target: IRule | { rule: IRule; eventBusName: string }, name: string) => {
  // A rule of a custom bus reports under both names; one of the default bus under its own alone.
  const dimensionsMap: Record<string, string> =
    'eventBusName' in target
      ? { EventBusName: target.eventBusName, RuleName: target.rule.ruleName }
      : { RuleName: target.ruleName };
  const metric = (metricName: string) =>
    new Metric({ namespace: 'AWS/Events', metricName, dimensionsMap, ...counted });
  return sumOfCounts(
    name,
    {
      failed: metric('FailedInvocations'),
      sentToDlq: metric('InvocationsSentToDlq'),
      failedToDlq: metric('InvocationsFailedToBeSentToDlq'),
    },
    name,
  );
};

/**
 * EventBridge Scheduler (the one-off hold-expiry schedules of the group) and the EventBridge
 * rules (sweeps, nightly tick): deliveries that failed for good, and Scheduler's failing attempts.
 */
export const deliveryMetrics = (
  group: IScheduleGroup,
  rules: Record<string, IRule | { rule: IRule; eventBusName: string }>,
) => ({
  schedulerFailures: sumOfCounts(
    'scheduler',
    {
      dropped: group.metricDropped(counted),
      sentToDlq: group.metricSentToDLQ(counted),
      failedToDlq: group.metricFailedToBeSentToDLQ(undefined, counted),
    },
    'schedules not delivered',
  ),
  schedulerTargetErrors: group.metricTargetErrors(counted),
  rules: Object.entries(rules).map(([name, rule]) => ({ name, failures: ruleFailures(rule, name) })),
});

export const deliveryAlarms = (alarmOn: AlarmOn, metrics: ReturnType<typeof deliveryMetrics>): void => {
  alarmOn(
    'SchedulerDeliveryFailures',
    metrics.schedulerFailures,
    'EventBridge Scheduler gave up delivering hold-expiry schedules to the holds queue: read the error ' +
      'attributes of the messages in the delivery DLQ, then check the scheduler role and the holds queue.',
    anyInOnePeriod,
  );
  alarmOn(
    'SchedulerTargetErrors',
    metrics.schedulerTargetErrors,
    'EventBridge Scheduler failed to send hold expiries to the holds queue for 10 minutes (it retries): ' +
      'check the scheduler role’s sqs:SendMessage grant and the holds queue.',
    { threshold: 1, evaluationPeriods: 2 },
  );
  for (const rule of metrics.rules) {
    alarmOn(
      `${rule.name}DeliveryFailures`,
      rule.failures,
      `The ${rule.name} EventBridge rule could not put its message on its work queue: read the error ` +
        'attributes of the messages in the delivery DLQ, then check the queue’s policy.',
      anyInOnePeriod,
    );
  }
};
