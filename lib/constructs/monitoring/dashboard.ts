import { Duration } from 'aws-cdk-lib';
import {
  AlarmStatusWidget,
  Dashboard,
  GraphWidget,
  type IMetric,
  type Metric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import type { OperationalAlarms } from './operational-alarms.js';

export interface OperationsDashboardProps {
  tenantId: string;
  /** The alarms and the metrics they watch: the dashboard graphs the same metrics. */
  alarms: OperationalAlarms;
}

const graph = (title: string, left: IMetric[], right: IMetric[] = []) =>
  new GraphWidget({ title, left, right, width: 8, height: 6 });

/**
 * One line per item, named after it. The alarms' own metrics carry no label: CDK would render
 * an alarm on one labelled metric as a metric-math query instead of a plain metric.
 */
const lines = <T extends { name: string }>(items: readonly T[], metricOf: (item: T) => Metric, suffix = '') =>
  items.map((item) => metricOf(item).with({ label: `${item.name}${suffix}` }));

/**
 * The tenant's one CloudWatch dashboard: the state of every alarm on top, then what they watch,
 * in the order docs/alarms.md walks through (API, functions, queues, table, deliveries,
 * notifications, account-wide sending, the nightly recount).
 */
export class OperationsDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, { tenantId, alarms }: OperationsDashboardProps) {
    super(scope, id);
    const { api, functions, queues, streams, table, deliveries, backPressure, sending, nightly, webhooks } =
      alarms.metrics;
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `evently-${tenantId}`,
      defaultInterval: Duration.hours(6),
    });
    this.dashboard.addWidgets(
      new AlarmStatusWidget({
        title: `Alarms (${tenantId})`,
        alarms: alarms.alarms,
        width: 24,
        height: 2 + Math.ceil(alarms.alarms.length / 6),
      }),
    );
    this.dashboard.addWidgets(
      graph('API requests and errors', [api.requests], [api.serverErrors, api.clientErrors]),
      new GraphWidget({
        title: 'API 5xx (% of requests)',
        left: [api.serverErrorRate],
        leftAnnotations: [alarms.apiServerErrors.toAnnotation()],
        width: 8,
        height: 6,
      }),
      graph('API latency p99 (ms)', [api.latencyP99]),
    );
    this.dashboard.addWidgets(
      graph(
        'Function errors',
        lines(functions, (f) => f.errors),
      ),
      graph(
        'Function throttles',
        lines(functions, (f) => f.throttles),
      ),
      graph(
        'Function max duration (ms)',
        lines(functions, (f) => f.maxDuration),
      ),
    );
    this.dashboard.addWidgets(
      graph(
        'Queue: oldest message age (s)',
        lines(queues.work, (q) => q.oldestAge),
      ),
      graph(
        'Queue: messages waiting',
        lines(queues.work, (q) => q.visible),
      ),
      graph('Dead-letter queues: messages', [
        ...lines(queues.work, (q) => q.deadLetters, ' DLQ'),
        ...lines(streams, (s) => s.deadLetters, ' stream DLQ'),
        queues.deliveryDeadLetters.with({ label: 'delivery DLQ' }),
      ]),
    );
    this.dashboard.addWidgets(
      graph(
        'Table stream: iterator age (ms)',
        lines(streams, (s) => s.iteratorAge),
      ),
    );
    this.dashboard.addWidgets(
      graph('DynamoDB: throttled requests and system errors', [table.throttledRequests, table.systemErrors]),
      graph('Scheduler: deliveries failed, target errors', [
        deliveries.schedulerFailures,
        deliveries.schedulerTargetErrors.with({ label: 'target errors (retried)' }),
      ]),
      graph(
        'Rules: deliveries failed',
        deliveries.rules.map((r) => r.failures),
      ),
    );
    this.dashboard.addWidgets(
      graph('Notifications: oldest waiting and wait (s)', [
        backPressure.oldestWaiting,
        backPressure.waitSeconds,
      ]),
      graph('Notifications: hand-offs per delivery', [backPressure.handoffsPerDelivery]),
      graph('Notifications: records left for redelivery', [backPressure.notStarted, backPressure.unfinished]),
    );
    this.dashboard.addWidgets(
      graph('SES reputation (account-wide)', [sending.bounceRate, sending.complaintRate]),
      graph('SMS spend this month, USD (account-wide)', [sending.smsSpend]),
    );
    this.dashboard.addWidgets(
      graph('Nightly: sessions worked on', [nightly.sessions]),
      graph('Nightly: counter drifts (places, sessions, shortfalls)', [
        nightly.driftPlaces,
        nightly.drifts,
        nightly.shortfalls,
      ]),
      graph('Nightly: audit chain problems', [nightly.auditProblems]),
    );
    this.dashboard.addWidgets(
      graph('Webhooks: deliveries sent and failed', [webhooks.sent, webhooks.failed]),
      graph('Webhooks: attempts failed (retried), subscriptions paused', [
        webhooks.attemptsFailed,
        webhooks.paused,
      ]),
    );
  }
}
