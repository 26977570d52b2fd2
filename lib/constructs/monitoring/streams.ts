import type { StreamConsumers } from '../stream-consumers.js';
import { type AlarmOn, anyInOnePeriod, fiveMinutes } from './monitored.js';

/** Per stream consumer: how far its mapping lags the stream, and its dead-letter queue's depth. */
export const streamMetrics = (streams: StreamConsumers) =>
  streams.consumers.map(({ definition, function: fn, deadLetterQueue }) => ({
    name: definition.consumer,
    iteratorAgeAlarmSeconds: definition.iteratorAgeAlarmSeconds,
    // Lambda's age of the newest record of each batch when the function got it, in milliseconds.
    iteratorAge: fn.function.metric('IteratorAge', { period: fiveMinutes, statistic: 'Maximum' }),
    deadLetters: deadLetterQueue.metricApproximateNumberOfMessagesVisible({
      period: fiveMinutes,
      statistic: 'Maximum',
    }),
  }));

/**
 * A stream consumer whose records wait too long is failing, throttled or too slow (for the outbox
 * relay: notifications and offers are late, and the sweep is doing its work a minute at a time); a
 * message in its dead-letter queue is a batch it gave up on after its retries.
 */
export const streamAlarms = (alarmOn: AlarmOn, metrics: ReturnType<typeof streamMetrics>): void => {
  for (const s of metrics) {
    alarmOn(
      `${s.name}IteratorAge`,
      s.iteratorAge,
      `The ${s.name} function got a record of the table's stream ${s.iteratorAgeAlarmSeconds} s or more after ` +
        `it was written: check the ${s.name} function's errors, throttles and duration.`,
      { threshold: s.iteratorAgeAlarmSeconds * 1000, evaluationPeriods: 1 },
    );
    alarmOn(
      `${s.name}StreamDeadLetters`,
      s.deadLetters,
      `The ${s.name} function gave up on a batch of the table's stream after its retries: read its logs for ` +
        'the failure; the message names the shard and sequence numbers (docs/operations.md).',
      anyInOnePeriod,
    );
  }
};
