import { MathExpression, Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { type AlarmOn, fiveMinutes, type MonitoredResources } from './monitored.js';

/** The oldest undelivered notification may be this old before someone is paged. */
const oldestWaitingLimitSeconds = 300;
/** More hand-offs per delivered notification than this means the outbox re-sends live messages. */
const handoffsPerDeliveryLimit = 1.5;

/** What the notifications function publishes about the outbox and its deliveries (docs/notifications.md). */
export const backPressureMetrics = ({ namespace, service }: MonitoredResources['notificationMetrics']) => {
  const metric = (metricName: string, statistic: string) =>
    new Metric({ namespace, metricName, dimensionsMap: { service }, statistic, period: fiveMinutes });
  return {
    oldestWaiting: metric('outboxOldestWaitingSeconds', 'Maximum'),
    handoffsPerDelivery: new MathExpression({
      expression: 'handoffs / MAX([delivered, 1])',
      usingMetrics: {
        handoffs: metric('notificationHandoffs', 'Sum'),
        delivered: metric('notificationsDelivered', 'Sum'),
      },
      period: fiveMinutes,
      label: 'hand-offs per delivered notification',
    }),
    waitSeconds: metric('notificationWaitSeconds', 'Maximum'),
    notStarted: metric('messagesNotStarted', 'Sum'),
    unfinished: metric('messagesUnfinished', 'Sum'),
  };
};

/**
 * Delivery falling behind shows in the age of the oldest waiting notification (published by
 * every outbox sweep, once a minute) long before the DLQ fills; re-sends feeding a backlog show
 * in the hand-offs per delivered notification.
 */
export const backPressureAlarms = (
  alarmOn: AlarmOn,
  metrics: ReturnType<typeof backPressureMetrics>,
): void => {
  alarmOn(
    'NotificationBacklog',
    metrics.oldestWaiting,
    `A notification has waited ${oldestWaitingLimitSeconds} s or more for delivery: check the notifications ` +
      'queue’s age and the notifications function’s errors and throttles.',
    { threshold: oldestWaitingLimitSeconds, evaluationPeriods: 2 },
  );
  alarmOn(
    'NotificationResends',
    metrics.handoffsPerDelivery,
    `Notifications were handed to the queue ${handoffsPerDeliveryLimit} times or more per delivery (re-sends ` +
      'feeding a backlog): check the notifications queue’s age and the function’s duration and throttles.',
    { threshold: handoffsPerDeliveryLimit, evaluationPeriods: 3 },
  );
};
