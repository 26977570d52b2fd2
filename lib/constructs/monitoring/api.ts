import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { type Alarm, MathExpression } from 'aws-cdk-lib/aws-cloudwatch';
import type { TenantConfig } from '../../config/tenant-config.js';
import { type AlarmOn, fiveMinutes, oneMinute } from './monitored.js';

/** The HTTP API's requests, 5xx answers (count and share of requests) and p99 latency. */
export const apiMetrics = (api: IHttpApi) => {
  const requests = api.metricCount({ period: oneMinute, statistic: 'Sum', label: 'requests' });
  const serverErrors = api.metricServerError({ period: oneMinute, statistic: 'Sum', label: '5xx' });
  return {
    requests,
    serverErrors,
    clientErrors: api.metricClientError({ period: oneMinute, statistic: 'Sum', label: '4xx' }),
    // A minute without requests has no rate (not a zero one), so it never counts against the alarm.
    serverErrorRate: new MathExpression({
      expression: '100 * FILL(serverErrors, 0) / requests',
      usingMetrics: { serverErrors, requests },
      period: oneMinute,
      label: '5xx (% of requests)',
    }),
    latencyP99: api.metricLatency({ period: fiveMinutes, statistic: 'p99' }),
  };
};

/**
 * The handlers answer every error with a 500 (Lambda `Errors` never counts those), so failures
 * show here. Returns the 5xx alarm, which is also the rollback alarm of gradual deployments: 3 bad
 * minutes of 5 roll back a release quickly while a single failed request does not page anyone.
 */
export const apiAlarms = (
  alarmOn: AlarmOn,
  metrics: ReturnType<typeof apiMetrics>,
  thresholds: TenantConfig['alarms'],
): Alarm => {
  const serverErrors = alarmOn(
    'ApiServerErrors',
    metrics.serverErrorRate,
    `${thresholds.apiServerErrorRatePercent} % or more of API requests answered 5xx in 3 of 5 minutes: ` +
      'check the latest deploy, then the errors in the functions’ logs by route.',
    { threshold: thresholds.apiServerErrorRatePercent, evaluationPeriods: 5, datapointsToAlarm: 3 },
  );
  alarmOn(
    'ApiLatency',
    metrics.latencyP99,
    `The API’s p99 latency reached ${thresholds.apiLatencyP99Ms} ms in 2 of 3 five-minute periods: check the ` +
      'functions’ duration and throttles, then DynamoDB throttles on the dashboard.',
    { threshold: thresholds.apiLatencyP99Ms, evaluationPeriods: 3, datapointsToAlarm: 2 },
  );
  return serverErrors;
};
