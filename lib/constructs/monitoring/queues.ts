import type { WorkQueues } from '../queues.js';
import { type AlarmOn, anyInOnePeriod, fiveMinutes } from './monitored.js';

const gauge = { period: fiveMinutes, statistic: 'Maximum' } as const;

/** Per work queue: the age of its oldest message, its depth and its dead-letter queue's depth. */
export const queueMetrics = (queues: WorkQueues) => ({
  work: queues.all().map(({ definition, queue, deadLetterQueue }) => ({
    name: definition.name,
    oldestMessageAlarmSeconds: definition.oldestMessageAlarmSeconds,
    oldestAge: queue.metricApproximateAgeOfOldestMessage(gauge),
    visible: queue.metricApproximateNumberOfMessagesVisible(gauge),
    deadLetters: deadLetterQueue.metricApproximateNumberOfMessagesVisible(gauge),
  })),
  deliveryDeadLetters: queues.deliveryDeadLetterQueue.metricApproximateNumberOfMessagesVisible(gauge),
});

/**
 * A queue whose oldest message waits too long is not being consumed fast enough (or at all); a
 * message in a dead-letter queue failed every retry and waits for an operator to redrive it.
 */
export const queueAlarms = (alarmOn: AlarmOn, metrics: ReturnType<typeof queueMetrics>): void => {
  for (const q of metrics.work) {
    alarmOn(
      `${q.name}OldestMessage`,
      q.oldestAge,
      `A message has waited ${q.oldestMessageAlarmSeconds} s or more on the ${q.name} queue: check the ` +
        `${q.name} consumer’s errors, throttles and duration.`,
      { threshold: q.oldestMessageAlarmSeconds, evaluationPeriods: 1 },
    );
    alarmOn(
      `${q.name}DeadLetters`,
      q.deadLetters,
      `Messages of the ${q.name} queue failed every retry and wait in its DLQ: read the consumer’s ` +
        'logs for the failure, fix it, then redrive the DLQ.',
      anyInOnePeriod,
    );
  }
  alarmOn(
    'DeliveryDeadLetters',
    metrics.deliveryDeadLetters,
    'An EventBridge rule or a Scheduler schedule could not put a message on its work queue: read the ' +
      'message’s error attributes in the delivery DLQ, fix the cause, then redrive it.',
    anyInOnePeriod,
  );
};
