import { Duration } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { type Alarm, type IMetric, MathExpression } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IRule } from 'aws-cdk-lib/aws-events';
import type { IScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { FunctionName } from '../../../functions/app/function-definitions.js';
import type { ServiceFunction } from '../lambda-function.js';
import type { WorkQueues } from '../queues.js';
import type { StreamConsumers } from '../stream-consumers.js';

/** Everything of a tenant's app stack that is alarmed on and graphed on its dashboard. */
export interface MonitoredResources {
  api: IHttpApi;
  functions: Record<FunctionName, ServiceFunction>;
  queues: WorkQueues;
  /** The event source mappings from the table's stream, with their dead-letter queues. */
  streams: StreamConsumers;
  /** The tenant's table (owned by the data stack). */
  table: ITable;
  /** The group the one-off hold-expiry schedules are created in. */
  scheduleGroup: IScheduleGroup;
  /**
   * The EventBridge rules that put messages on the work queues (sweeps and ticks on the default
   * bus; on a custom bus, with its name: the metrics of its rules name it too), by name.
   */
  rules: Record<string, IRule | { rule: IRule; eventBusName: string }>;
  /** Where the notifications function publishes its back-pressure metrics. */
  notificationMetrics: { namespace: string; service: string };
  /** Where the nightly function publishes what its counter recounts found. */
  nightlyMetrics: { namespace: string; service: string };
  /** Where the webhooks function publishes its delivery metrics. */
  webhookMetrics: { namespace: string; service: string };
}

/** When an alarm fires: `threshold` or more in `datapointsToAlarm` (default: all) of `evaluationPeriods`. */
export interface AlarmLimit {
  threshold: number;
  evaluationPeriods: number;
  datapointsToAlarm?: number;
}

/** Creates an alarm that notifies the alarm topic (missing data never breaches) and returns it. */
export type AlarmOn = (id: string, metric: IMetric, description: string, limit?: AlarmLimit) => Alarm;

export const oneMinute = Duration.minutes(1);
export const fiveMinutes = Duration.minutes(5);
export const oneHour = Duration.hours(1);

/** Alarm once anything at all is counted in one period. */
export const anyInOnePeriod: AlarmLimit = { threshold: 1, evaluationPeriods: 1 };

/**
 * The sum of count metrics that are published only when non-zero: a plain `a + b` has a value
 * only at timestamps where every term has one, so each term counts as 0 where it is missing. Ids
 * are `<idPrefix>_<key>`: a graph or alarm refuses two different metrics under one id. CloudWatch
 * alarms accept at most 10 metrics in one expression.
 */
export const sumOfCounts = (
  idPrefix: string,
  metrics: Record<string, IMetric>,
  label: string,
): MathExpression => {
  const terms = Object.entries(metrics).map(([key, metric]) => [`${idPrefix}_${key}`, metric] as const);
  if (terms.length > 10) throw new Error(`${label}: an alarm's math expression takes at most 10 metrics`);
  return new MathExpression({
    expression: terms.map(([id]) => `FILL(${id}, 0)`).join(' + '),
    usingMetrics: Object.fromEntries(terms),
    label,
    period: fiveMinutes,
  });
};
