import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { type AlarmOn, anyInOnePeriod, fiveMinutes, type MonitoredResources } from './monitored.js';

/** What the nightly function publishes about the counters it recounts (docs/nightly.md). */
export const nightlyMetrics = ({ namespace, service }: MonitoredResources['nightlyMetrics']) => {
  const sum = (metricName: string) =>
    new Metric({ namespace, metricName, dimensionsMap: { service }, statistic: 'Sum', period: fiveMinutes });
  return {
    driftPlaces: sum('counterDriftPlaces'),
    drifts: sum('counterDrifts'),
    shortfalls: sum('counterShortfalls'),
    sessions: sum('nightlySessions'),
    auditProblems: sum('auditChainProblems'),
  };
};

/**
 * A counter that disagrees with its bookings means a booking was cut off half-way (places leaked
 * and given back by the recount) or, if short, something the engine should never do: either way a
 * person looks at the `counter drift` log lines of the nightly function.
 */
export const nightlyAlarms = (alarmOn: AlarmOn, metrics: ReturnType<typeof nightlyMetrics>): void => {
  alarmOn(
    'CounterDrift',
    metrics.driftPlaces,
    'The nightly recount found a session counter that disagreed with its bookings (and gave leaked places ' +
      'back unless a booking may still be in flight): read the nightly function’s `counter drift` log lines.',
    anyInOnePeriod,
  );
  alarmOn(
    'CounterShortfall',
    metrics.shortfalls,
    'A session counter counts fewer places than its bookings hold (possible oversell; never repaired ' +
      'automatically): read the nightly function’s `counter drift` log lines with outcome `short`.',
    anyInOnePeriod,
  );
  alarmOn(
    'AuditChainBroken',
    metrics.auditProblems,
    'The nightly check of the audit trail found a hash chain broken (a record edited or removed, or left ' +
      'unsealed): read the nightly function’s `audit chain broken` log lines, then `npm run verify:audit`.',
    anyInOnePeriod,
  );
};
