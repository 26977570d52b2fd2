import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { FunctionName } from '../../../functions/app/function-definitions.js';
import type { ServiceFunction } from '../lambda-function.js';
import { type AlarmOn, anyInOnePeriod, fiveMinutes } from './monitored.js';

/** A function whose slowest invocation takes this share of its timeout is about to time out. */
const nearTimeoutShare = 0.8;

const counted = { period: fiveMinutes, statistic: 'Sum' } as const;

/** Per function: failed and throttled invocations, and the slowest invocation. */
export const functionMetrics = (functions: Record<FunctionName, ServiceFunction>) =>
  (Object.entries(functions) as [FunctionName, ServiceFunction][]).map(([name, fn]) => ({
    name,
    timeoutSeconds: fn.definition.timeoutSeconds,
    errors: fn.function.metricErrors(counted),
    throttles: fn.function.metricThrottles(counted),
    maxDuration: fn.function.metricDuration({ period: fiveMinutes, statistic: 'Maximum' }),
  }));

/**
 * `Errors` counts what a function threw (queue consumers, unexpected crashes: the HTTP handlers
 * answer theirs with a 500, see the API alarms); throttles mean invocations refused for lack of
 * concurrency; a maximum duration near the timeout means timeouts are next.
 */
export const functionAlarms = (
  alarmOn: AlarmOn,
  metrics: ReturnType<typeof functionMetrics>,
): Record<FunctionName, Alarm> => {
  const errors = {} as Record<FunctionName, Alarm>;
  for (const fn of metrics) {
    errors[fn.name] = alarmOn(
      `${fn.name}Errors`,
      fn.errors,
      `The ${fn.name} function failed invocations: read its log group for the error and stack trace.`,
      anyInOnePeriod,
    );
    alarmOn(
      `${fn.name}Throttles`,
      fn.throttles,
      `Lambda refused invocations of the ${fn.name} function for lack of concurrency: compare its ` +
        'reserved concurrency (tenant config `functions`) and the account’s unreserved pool with the traffic.',
      anyInOnePeriod,
    );
    const limitMs = Math.round(fn.timeoutSeconds * 1000 * nearTimeoutShare);
    alarmOn(
      `${fn.name}NearTimeout`,
      fn.maxDuration,
      `An invocation of the ${fn.name} function took ${limitMs} ms or more of its ${fn.timeoutSeconds} s ` +
        'timeout: check DynamoDB latency and throttles, then the slow requests in its traces.',
      { threshold: limitMs, evaluationPeriods: 1 },
    );
  }
  return errors;
};
