import type { Template } from 'aws-cdk-lib/assertions';
import { resourcesOf } from './synth.js';

/** Reading CloudWatch alarms from a template, whether they watch one metric or a math expression. */

export interface Dimension {
  Name: string;
  Value: unknown;
}

/** One metric an alarm reads: its own metric, or one of its expression's metrics. */
export interface WatchedMetric {
  /** Its id in the alarm's expression (`m1` for an alarm on one metric). */
  id: string;
  namespace: string;
  metricName: string;
  dimensions: Dimension[];
  stat: string;
  period: number;
}

interface MetricDataQuery {
  Id: string;
  Expression?: string;
  ReturnData?: boolean;
  MetricStat?: {
    Metric: { Namespace: string; MetricName: string; Dimensions?: Dimension[] };
    Period: number;
    Stat: string;
  };
}

export interface AlarmProperties {
  AlarmDescription?: string;
  AlarmActions?: unknown[];
  ComparisonOperator: string;
  TreatMissingData?: string;
  Threshold: number;
  EvaluationPeriods: number;
  DatapointsToAlarm?: number;
  Namespace?: string;
  MetricName?: string;
  Dimensions?: Dimension[];
  Statistic?: string;
  ExtendedStatistic?: string;
  Period?: number;
  Metrics?: MetricDataQuery[];
}

export interface AlarmResource {
  logicalId: string;
  properties: AlarmProperties;
  /** The expression the alarm watches, when it watches one. */
  expression?: string;
  watched: WatchedMetric[];
}

const watchedBy = (p: AlarmProperties): WatchedMetric[] =>
  p.Metrics
    ? p.Metrics.flatMap((q) =>
        q.MetricStat
          ? [
              {
                id: q.Id,
                namespace: q.MetricStat.Metric.Namespace,
                metricName: q.MetricStat.Metric.MetricName,
                dimensions: q.MetricStat.Metric.Dimensions ?? [],
                stat: q.MetricStat.Stat,
                period: q.MetricStat.Period,
              },
            ]
          : [],
      )
    : [
        {
          id: 'm1',
          namespace: p.Namespace ?? '',
          metricName: p.MetricName ?? '',
          dimensions: p.Dimensions ?? [],
          stat: p.Statistic ?? p.ExtendedStatistic ?? '',
          period: p.Period ?? 0,
        },
      ];

export const alarmsIn = (template: Template): AlarmResource[] =>
  resourcesOf(template, 'AWS::CloudWatch::Alarm').map(([logicalId, r]) => {
    const properties = (r as { Properties: AlarmProperties }).Properties;
    const expression = properties.Metrics?.find((q) => q.ReturnData !== false && q.Expression)?.Expression;
    return { logicalId, properties, watched: watchedBy(properties), ...(expression && { expression }) };
  });

const sameDimensions = (a: Dimension[], b: Dimension[]): boolean =>
  JSON.stringify([...a].sort((x, y) => x.Name.localeCompare(y.Name))) ===
  JSON.stringify([...b].sort((x, y) => x.Name.localeCompare(y.Name)));

/** The alarms reading `namespace`/`metricName` with exactly these dimensions. */
export const alarmsWatching = (
  alarms: AlarmResource[],
  namespace: string,
  metricName: string,
  dimensions: Dimension[],
): AlarmResource[] =>
  alarms.filter((a) =>
    a.watched.some(
      (m) =>
        m.namespace === namespace && m.metricName === metricName && sameDimensions(m.dimensions, dimensions),
    ),
  );

/** The one alarm reading that metric; fails the test when there is none or more than one. */
export const alarmWatching = (
  alarms: AlarmResource[],
  namespace: string,
  metricName: string,
  dimensions: Dimension[],
): AlarmResource => {
  const found = alarmsWatching(alarms, namespace, metricName, dimensions);
  if (found.length !== 1) {
    throw new Error(
      `expected one alarm on ${namespace} ${metricName} ${JSON.stringify(dimensions)}, found ${found.length}`,
    );
  }
  return found[0]!;
};
