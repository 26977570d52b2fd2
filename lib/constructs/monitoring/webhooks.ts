import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { type AlarmOn, anyInOnePeriod, fiveMinutes, type MonitoredResources } from './monitored.js';

/** What the webhooks function publishes about deliveries (docs/webhooks.md). */
export const webhookMetrics = ({ namespace, service }: MonitoredResources['webhookMetrics']) => {
  const sum = (metricName: string) =>
    new Metric({ namespace, metricName, dimensionsMap: { service }, statistic: 'Sum', period: fiveMinutes });
  return {
    sent: sum('webhookDeliveriesSent'),
    attemptsFailed: sum('webhookAttemptsFailed'),
    failed: sum('webhookDeliveriesFailed'),
    paused: sum('webhookSubscriptionsPaused'),
  };
};

/**
 * A delivery marked failed was retried for its whole window (24 hours) without a 2xx: its receiver
 * is down or refusing, and the organization may not know. The queue's DLQ alarm (queues.ts) covers
 * messages the function itself could not handle.
 */
export const webhookAlarms = (alarmOn: AlarmOn, metrics: ReturnType<typeof webhookMetrics>): void => {
  alarmOn(
    'WebhookDeliveriesFailed',
    metrics.failed,
    'A webhook delivery failed after 24 hours of retries (its subscription may now be paused): read the ' +
      'webhooks function’s `webhook deliveries failed` log lines for the organization and subscription, and ' +
      'the subscription’s delivery log (GET .../webhooks/{subscriptionId}/deliveries).',
    anyInOnePeriod,
  );
};
