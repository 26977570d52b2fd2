import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { FunctionName } from '../../../functions/app/function-definitions.js';
import type { TenantConfig } from '../../config/tenant-config.js';
import { apiAlarms } from './api.js';
import { backPressureAlarms } from './back-pressure.js';
import { deliveryAlarms } from './deliveries.js';
import { functionAlarms } from './functions.js';
import { type OperationalMetrics, operationalMetrics } from './metrics.js';
import { type AlarmLimit, anyInOnePeriod, type MonitoredResources } from './monitored.js';
import { nightlyAlarms } from './nightly.js';
import { queueAlarms } from './queues.js';
import { sendingAlarms } from './sending.js';
import { streamAlarms } from './streams.js';
import { tableAlarms } from './table.js';
import { createAlarmTopic } from './topic.js';
import { webhookAlarms } from './webhooks.js';

export interface OperationalAlarmsProps {
  config: Pick<TenantConfig, 'tenantId' | 'alarmEmail' | 'alarms' | 'notifications'>;
  resources: MonitoredResources;
}

/**
 * Alarms an operator must act on (docs/alarms.md says what each means and what to look at first):
 * API 5xx rate and latency, queue age and dead letters, the stream relay's lag and dead letters,
 * function errors, throttles and durations
 * near the timeout, DynamoDB throttles and errors, Scheduler and rule deliveries that failed, SES
 * reputation and SMS spend, notification back-pressure, counters the nightly recount found adrift. All notify one encrypted topic.
 */
export class OperationalAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];
  /** The API's 5xx rate: the rollback alarm of gradual deployments. */
  readonly apiServerErrors: Alarm;
  /** Each function's failed invocations: the rollback alarm of its gradual deployments too. */
  readonly functionErrors: Record<FunctionName, Alarm>;
  /** What the alarms watch, for the dashboard. */
  readonly metrics: OperationalMetrics;

  constructor(scope: Construct, id: string, { config, resources }: OperationalAlarmsProps) {
    super(scope, id);
    this.topic = createAlarmTopic(this, config.tenantId, config.alarmEmail);
    this.metrics = operationalMetrics(resources);
    const alarmOn = this.alarmOn.bind(this);
    this.apiServerErrors = apiAlarms(alarmOn, this.metrics.api, config.alarms);
    queueAlarms(alarmOn, this.metrics.queues);
    streamAlarms(alarmOn, this.metrics.streams);
    this.functionErrors = functionAlarms(alarmOn, this.metrics.functions);
    tableAlarms(alarmOn, this.metrics.table);
    deliveryAlarms(alarmOn, this.metrics.deliveries);
    backPressureAlarms(alarmOn, this.metrics.backPressure);
    nightlyAlarms(alarmOn, this.metrics.nightly);
    webhookAlarms(alarmOn, this.metrics.webhooks);
    sendingAlarms(alarmOn, this.metrics.sending, {
      sendsEmail: config.notifications.fromEmail !== undefined,
      smsMonthToDateSpendUsd: config.alarms.smsMonthToDateSpendUsd,
    });
  }

  private alarmOn(
    id: string,
    metric: IMetric,
    description: string,
    limit: AlarmLimit = anyInOnePeriod,
  ): Alarm {
    const alarm = new Alarm(this, id, {
      metric,
      alarmDescription: description,
      ...limit,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
    return alarm;
  }
}
