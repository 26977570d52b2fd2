import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Operation } from 'aws-cdk-lib/aws-dynamodb';
import { describe, expect, it } from 'vitest';
import { type FunctionName, functionDefinitions } from '../../functions/app/function-definitions.js';
import { queueDefinitions } from '../../functions/app/queue-definitions.js';
import { parseTenantConfig, type TenantConfig, TenantConfigError } from '../../lib/config/tenant-config.js';
import { type AlarmResource, alarmsIn, alarmWatching, type Dimension } from './support/alarms.js';
import { actionsOf, appInspector, type Statement } from './support/grants.js';
import { resourcesOf, type SynthesizedTenant, synthTenant, tenantConfig } from './support/synth.js';

/**
 * The tenant's alarms (each on the metric, dimensions and threshold it is meant for, notifying the
 * alarm topic), the dashboard that shows them, and the `alarms` thresholds of the tenant config.
 */

const acme = synthTenant(tenantConfig('acme'));
/** Acme sending email, with every tunable threshold changed. */
const tuned = synthTenant({
  ...acme.config,
  notifications: { fromEmail: 'events@acme.example' },
  alarms: { apiServerErrorRatePercent: 2, apiLatencyP99Ms: 900, smsMonthToDateSpendUsd: 120 },
});

const inspect = (tenant: SynthesizedTenant) => {
  const { idOf, fns } = appInspector(tenant);
  const { app } = tenant.stacks;
  return { idOf, fns, app, alarms: alarmsIn(tenant.app) };
};

const { idOf, fns, app, alarms } = inspect(acme);
const tunedView = inspect(tuned);
const topicRef = { Ref: idOf(app.alarms.topic) };
const dimension = (Name: string, Value: unknown): Dimension[] => [{ Name, Value }];
const queueNameOf = (queue: Parameters<typeof idOf>[0]) =>
  dimension('QueueName', { 'Fn::GetAtt': [idOf(queue), 'QueueName'] });
const apiDimension = dimension('ApiId', { Ref: idOf(app.api.httpApi) });

describe('every alarm', () => {
  it.each(alarms.map((a) => [a.logicalId, a] as const))(
    '%s notifies the alarm topic, never on missing data, and says what to look at',
    (_, alarm) => {
      expect(alarm.properties).toMatchObject({
        AlarmActions: [topicRef],
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
      expect(alarm.properties.AlarmDescription).toMatch(/^.{20,}: .{20,}\.$/);
      // CloudWatch refuses an alarm whose expression reads more than 10 metrics.
      expect(alarm.watched.length).toBeLessThanOrEqual(10);
    },
  );

  it('are all the alarms the stack has: one list for the dashboard and the docs', () => {
    expect(app.alarms.alarms.map((a) => idOf(a)).sort()).toEqual(alarms.map((a) => a.logicalId).sort());
  });
});

describe('API alarms', () => {
  const rate = alarmWatching(alarms, 'AWS/ApiGateway', '5xx', apiDimension);

  it('alarm on the share of requests answered 5xx, at the configured percentage', () => {
    expect(alarmWatching(alarms, 'AWS/ApiGateway', 'Count', apiDimension)).toBe(rate);
    const idOf5xx = rate.watched.find((m) => m.metricName === '5xx')?.id;
    const idOfCount = rate.watched.find((m) => m.metricName === 'Count')?.id;
    expect(rate.expression).toMatch(new RegExp(`^100 \\* .*\\b${idOf5xx}\\b.* / ${idOfCount}$`));
    expect(rate.watched.map((m) => m.stat)).toEqual(['Sum', 'Sum']);
    expect(rate.properties.Threshold).toBe(acme.config.alarms.apiServerErrorRatePercent);
  });

  it('expose the 5xx rate alarm for rolling back gradual deployments', () => {
    expect(idOf(app.alarms.apiServerErrors)).toBe(rate.logicalId);
  });

  it('alarm on the p99 latency at the configured milliseconds', () => {
    const latency = alarmWatching(alarms, 'AWS/ApiGateway', 'Latency', apiDimension);
    expect(latency.watched[0]?.stat).toBe('p99');
    expect(latency.properties.Threshold).toBe(acme.config.alarms.apiLatencyP99Ms);
  });
});

describe.each(queueDefinitions.map((d) => [d.name, d] as const))('the %s queue', (name, definition) => {
  const { queue, deadLetterQueue } = app.queues.get(name);

  it(`alarms when its oldest message is ${definition.oldestMessageAlarmSeconds} s old`, () => {
    const age = alarmWatching(alarms, 'AWS/SQS', 'ApproximateAgeOfOldestMessage', queueNameOf(queue));
    expect(age.watched[0]?.stat).toBe('Maximum');
    expect(age.properties.Threshold).toBe(definition.oldestMessageAlarmSeconds);
  });

  it('alarms on the first message in its dead-letter queue', () => {
    const dlq = alarmWatching(
      alarms,
      'AWS/SQS',
      'ApproximateNumberOfMessagesVisible',
      queueNameOf(deadLetterQueue),
    );
    expect(dlq.properties.Threshold).toBe(1);
  });
});

describe('the delivery dead-letter queue', () => {
  it('alarms on the first delivery a rule or a schedule could not make', () => {
    const dlq = alarmWatching(
      alarms,
      'AWS/SQS',
      'ApproximateNumberOfMessagesVisible',
      queueNameOf(app.queues.deliveryDeadLetterQueue),
    );
    expect(dlq.properties.Threshold).toBe(1);
  });
});

describe.each(Object.keys(functionDefinitions) as FunctionName[])('the %s function', (name) => {
  const fn = fns[name];
  const fnDimension = dimension('FunctionName', { Ref: idOf(fn.function) });
  const on = (metricName: string) => alarmWatching(alarms, 'AWS/Lambda', metricName, fnDimension);

  it('alarms on its first error and its first throttle', () => {
    for (const metric of ['Errors', 'Throttles']) {
      expect(on(metric).properties.Threshold).toBe(1);
      expect(on(metric).watched[0]?.stat).toBe('Sum');
    }
  });

  it(`alarms when an invocation takes 80 % of its ${fn.definition.timeoutSeconds} s timeout`, () => {
    const duration = on('Duration');
    expect(duration.watched[0]?.stat).toBe('Maximum');
    expect(duration.properties.Threshold).toBe(fn.definition.timeoutSeconds * 1000 * 0.8);
  });
});

describe('DynamoDB alarms', () => {
  /** Every operation a function is granted that DynamoDB reports per operation, and transactions. */
  const grantedOperations = [
    ...new Set(
      resourcesOf(acme.app, 'AWS::IAM::Policy')
        .flatMap(([, p]) =>
          actionsOf(
            (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument
              .Statement,
          ),
        )
        .filter((a) => a.startsWith('dynamodb:'))
        .map((a) => a.replace('dynamodb:', ''))
        .filter((a) => (Object.values(Operation) as string[]).includes(a)),
    ),
    Operation.TRANSACT_WRITE_ITEMS,
  ];

  it.each(['ThrottledRequests', 'SystemErrors'])(
    'sum %s over every operation the functions use',
    (metricName) => {
      const onTable = alarms.filter((a) =>
        a.watched.some((m) => m.namespace === 'AWS/DynamoDB' && m.metricName === metricName),
      );
      expect(onTable).toHaveLength(1);
      const [alarm] = onTable as [AlarmResource];
      expect(grantedOperations.length).toBeGreaterThan(3);
      expect(
        alarm.watched.map((m) => m.dimensions.find((d) => d.Name === 'Operation')?.Value).sort(),
      ).toEqual([...grantedOperations].sort());
      // The table's name, imported from the data stack.
      for (const m of alarm.watched) {
        const table = m.dimensions.find((d) => d.Name === 'TableName');
        expect(JSON.stringify(table?.Value)).toContain('Fn::ImportValue');
        expect(m.stat).toBe('Sum');
      }
      expect(alarm.expression).toContain('FILL(');
    },
  );
});

describe('delivery alarms', () => {
  it('alarm on schedules of the group that Scheduler dropped or dead-lettered, and on its target errors', () => {
    const group = dimension('ScheduleGroup', app.scheduler.group.scheduleGroupName);
    const failures = alarmWatching(alarms, 'AWS/Scheduler', 'InvocationDroppedCount', group);
    for (const metric of ['InvocationsSentToDeadLetterCount', 'InvocationsFailedToBeSentToDeadLetterCount']) {
      expect(alarmWatching(alarms, 'AWS/Scheduler', metric, group)).toBe(failures);
    }
    expect(alarmWatching(alarms, 'AWS/Scheduler', 'TargetErrorCount', group).properties.Threshold).toBe(1);
  });

  const ruleIds = resourcesOf(acme.app, 'AWS::Events::Rule').map(([id]) => id);

  it('cover every EventBridge rule of the stack', () => {
    expect(ruleIds.sort()).toEqual(
      [app.holdsSweeper, app.outboxSweeper, app.paymentsReconciler, app.nightly, app.eventBus]
        .map((s) => idOf(s.rule))
        .sort(),
    );
  });

  it.each(ruleIds)('alarm on %s’s failed and dead-lettered invocations', (ruleId) => {
    // A rule of the tenant's event bus (a custom bus) reports with the bus's name too.
    const onBus = ruleId === idOf(app.eventBus.rule);
    const rule = [
      ...(onBus ? dimension('EventBusName', { Ref: idOf(app.eventBus.bus) }) : []),
      ...dimension('RuleName', { Ref: ruleId }),
    ];
    const failed = alarmWatching(alarms, 'AWS/Events', 'FailedInvocations', rule);
    expect(alarmWatching(alarms, 'AWS/Events', 'InvocationsSentToDlq', rule)).toBe(failed);
    expect(failed.properties.Threshold).toBe(1);
  });
});

describe('sending alarms (account-wide metrics)', () => {
  const ses = (list: AlarmResource[]) => list.filter((a) => a.watched.some((m) => m.namespace === 'AWS/SES'));

  it('watch SES reputation only when the tenant sends email, well below the suspension levels', () => {
    expect(acme.config.notifications.fromEmail).toBeUndefined();
    expect(ses(alarms)).toEqual([]);
    const on = (metricName: string) => alarmWatching(tunedView.alarms, 'AWS/SES', metricName, []);
    expect(on('Reputation.BounceRate').properties.Threshold).toBe(0.05);
    expect(on('Reputation.ComplaintRate').properties.Threshold).toBe(0.001);
    expect(ses(tunedView.alarms)).toHaveLength(2);
    for (const alarm of ses(tunedView.alarms)) {
      expect(alarm.watched[0]?.stat).toBe('Maximum');
      expect(alarm.properties).toMatchObject({
        AlarmActions: [{ Ref: tunedView.idOf(tunedView.app.alarms.topic) }],
        TreatMissingData: 'notBreaching',
      });
    }
  });

  it('watch the month’s SMS spend at the configured amount', () => {
    const spend = alarmWatching(alarms, 'AWS/SNS', 'SMSMonthToDateSpentUSD', []);
    expect(spend.watched[0]?.stat).toBe('Maximum');
    expect(spend.properties.Threshold).toBe(acme.config.alarms.smsMonthToDateSpendUsd);
  });
});

describe('tuned thresholds', () => {
  const api = dimension('ApiId', { Ref: tunedView.idOf(tunedView.app.api.httpApi) });
  const thresholdOf = (namespace: string, metricName: string, dimensions: Dimension[]) =>
    alarmWatching(tunedView.alarms, namespace, metricName, dimensions).properties.Threshold;

  it('reach the alarms', () => {
    expect(thresholdOf('AWS/ApiGateway', '5xx', api)).toBe(2);
    expect(thresholdOf('AWS/ApiGateway', 'Latency', api)).toBe(900);
    expect(thresholdOf('AWS/SNS', 'SMSMonthToDateSpentUSD', [])).toBe(120);
  });
});

/** The dashboard's body as text: its tokens written out as their JSON. */
const dashboardsOf = (tenant: SynthesizedTenant) =>
  resourcesOf(tenant.app, 'AWS::CloudWatch::Dashboard').map(([, d]) => {
    const { DashboardName, DashboardBody } = (
      d as { Properties: { DashboardName: string; DashboardBody: { 'Fn::Join': [string, unknown[]] } } }
    ).Properties;
    const body = DashboardBody['Fn::Join'][1]
      .map((part) => (typeof part === 'string' ? part : JSON.stringify(part)))
      .join('');
    return { name: DashboardName, body };
  });

describe.each([
  ['acme', acme, alarms],
  ['acme sending email', tuned, tunedView.alarms],
] as const)('the dashboard of %s', (_, tenant, tenantAlarms) => {
  const dashboards = dashboardsOf(tenant);
  const body = dashboards[0]?.body ?? '';

  it('is one per tenant, named after it', () => {
    expect(dashboards).toHaveLength(1);
    expect(dashboards[0]?.name).toContain(tenant.config.tenantId);
  });

  it('shows the state of every alarm', () => {
    expect(tenantAlarms.length).toBeGreaterThan(40);
    for (const { logicalId } of tenantAlarms) {
      expect(body, logicalId).toContain(JSON.stringify({ 'Fn::GetAtt': [logicalId, 'Arn'] }));
    }
  });

  it('graphs every metric an alarm watches', () => {
    for (const { namespace, metricName } of tenantAlarms.flatMap((a) => a.watched)) {
      expect(body, `${namespace} ${metricName}`).toContain(`"${namespace}","${metricName}"`);
    }
  });
});

describe('the alarms config', () => {
  const raw = JSON.parse(
    readFileSync(path.resolve(import.meta.dirname, '../../config/tenants/acme.json'), 'utf8'),
  ) as Record<string, unknown>;
  const withAlarms = (alarmsConfig: unknown) =>
    parseTenantConfig({ ...raw, alarms: alarmsConfig }, 'acme.json');
  const failureOf = (alarmsConfig: unknown): string => {
    try {
      withAlarms(alarmsConfig);
    } catch (error) {
      expect(error).toBeInstanceOf(TenantConfigError);
      return (error as Error).message;
    }
    throw new Error('expected the alarms config to be rejected');
  };

  it('has defaults for every threshold', () => {
    const { alarms: _, ...withoutAlarms } = raw;
    const defaults: TenantConfig['alarms'] = {
      apiServerErrorRatePercent: 5,
      apiLatencyP99Ms: 2000,
      smsMonthToDateSpendUsd: 50,
    };
    expect(parseTenantConfig(withoutAlarms, 'acme.json').alarms).toEqual(defaults);
    expect(withAlarms({ apiLatencyP99Ms: 900 }).alarms).toEqual({ ...defaults, apiLatencyP99Ms: 900 });
  });

  it.each([
    [{ apiServerErrorRatePercent: 0 }, 'alarms.apiServerErrorRatePercent'],
    [{ apiServerErrorRatePercent: 150 }, 'alarms.apiServerErrorRatePercent: must be a percentage'],
    [{ apiLatencyP99Ms: 45_000 }, 'alarms.apiLatencyP99Ms: must not exceed the 30 s'],
    [{ apiLatencyP99Ms: 1.5 }, 'alarms.apiLatencyP99Ms'],
    [{ smsMonthToDateSpendUsd: -1 }, 'alarms.smsMonthToDateSpendUsd'],
    [{ smsSpend: 10 }, 'alarms.smsSpend: unknown field'],
  ])('rejects %j, naming the field', (alarmsConfig, expected) => {
    expect(failureOf(alarmsConfig)).toContain(`  - ${expected}`);
  });
});
