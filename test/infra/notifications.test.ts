import { describe, expect, it } from 'vitest';
import { notificationsMessageSchema } from '../../functions/modules/notifications/contracts/notifications.js';
import { notificationRedelivery } from '../../functions/modules/notifications/domain/handoff.js';
import { actionsOf, appInspector } from './support/grants.js';
import { aliasInvokedBy, resourcesOf, synthTenant, tenantConfig } from './support/synth.js';

/** Notification delivery in the deployed stack: queue + DLQ, consumer, outbox sweeper, grants. */

const acme = tenantConfig('acme');
const tenant = synthTenant({
  ...acme,
  notifications: { fromEmail: 'tickets@acme.example' },
});
const { app: template, stacks } = tenant;
const { idOf, fns, statementsOf } = appInspector(tenant);
const notifications = stacks.app.queues.get('notifications');
const queueArn = { 'Fn::GetAtt': [idOf(notifications.queue), 'Arn'] };

describe('notification delivery (CDK)', () => {
  it('has a notifications queue with a DLQ after 5 receives, consumed by the notifications function', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: notificationRedelivery.visibilityTimeoutSeconds,
      RedrivePolicy: {
        deadLetterTargetArn: { 'Fn::GetAtt': [idOf(notifications.deadLetterQueue), 'Arn'] },
        maxReceiveCount: 5,
      },
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: queueArn,
      FunctionName: aliasInvokedBy(idOf(fns.notifications.alias)),
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 4 },
    });
  });

  it('pages on back-pressure: the oldest waiting notification and re-sends per delivery', () => {
    const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm').map(
      ([, r]) => (r as { Properties: Record<string, unknown> }).Properties,
    );
    const backlog = alarms.find((a) => a.MetricName === 'outboxOldestWaitingSeconds');
    expect(backlog).toMatchObject({
      Namespace: 'Evently/acme',
      Dimensions: [{ Name: 'service', Value: 'evently-notifications' }],
      Statistic: 'Maximum',
      Threshold: 300,
      EvaluationPeriods: 2,
    });
    const resends = alarms.find((a) => JSON.stringify(a.Metrics ?? []).includes('notificationHandoffs'));
    expect(JSON.stringify(resends?.Metrics)).toContain('notificationsDelivered');
    expect(resends).toMatchObject({ Threshold: 1.5, EvaluationPeriods: 3 });
    for (const alarm of [backlog, resends]) expect(alarm?.AlarmActions).toHaveLength(1);
  });

  it('sweeps the outbox every minute through the notifications queue', () => {
    const rules = resourcesOf(template, 'AWS::Events::Rule')
      .map(
        ([, r]) =>
          (r as { Properties: { ScheduleExpression: string; Targets: { Arn: unknown; Input: string }[] } })
            .Properties,
      )
      .filter((p) => p.Targets.some((t) => JSON.stringify(t.Arn) === JSON.stringify(queueArn)));
    expect(rules).toHaveLength(1);
    expect(rules[0]?.ScheduleExpression).toBe('rate(1 minute)');
    const message = JSON.parse(rules[0]?.Targets[0]?.Input ?? 'null');
    expect(message).toEqual({ type: 'outbox.sweep' });
    expect(notificationsMessageSchema.safeParse(message).success).toBe(true);
  });

  it('grants the consumer the table, its queues, SES from the configured sender only, and SNS publish', () => {
    const statements = statementsOf('notifications');
    const actions = actionsOf(statements);
    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:UpdateItem', 'dynamodb:Query', 'sqs:SendMessage']),
    );
    const ses = statements.find((s) => actionsOf([s]).includes('ses:SendEmail'));
    expect(JSON.stringify(ses?.Resource)).toContain('identity/tickets@acme.example');
    expect(JSON.stringify(ses?.Resource)).toContain('identity/acme.example');
    expect(JSON.stringify(ses?.Resource)).not.toContain('identity/*');
    expect(actions).toContain('sns:Publish');
    const fn = template.findResources('AWS::Lambda::Function')[idOf(fns.notifications.function)] as {
      Properties: { Environment: { Variables: Record<string, unknown> } };
    };
    expect(fn.Properties.Environment.Variables.NOTIFY_FROM_EMAIL).toBe('tickets@acme.example');
    expect(Object.keys(fn.Properties.Environment.Variables)).toEqual(
      expect.arrayContaining(['TABLE_NAME', 'QUEUE_URL_NOTIFICATIONS', 'QUEUE_URL_HOLDS']),
    );
  });

  it('lets the notifications function publish SMS but refuses it every topic', () => {
    const denies = statementsOf('notifications').filter(
      (s) => (s as { Effect?: string }).Effect === 'Deny' && [s.Action].flat().includes('sns:Publish'),
    );
    expect(denies).toHaveLength(1);
    const resource = JSON.stringify(denies[0]?.Resource);
    expect(resource).toContain(':sns:*:*:*');
  });

  it('lets only the notifications function send email or SMS', () => {
    for (const name of Object.keys(fns) as (keyof typeof fns)[]) {
      if (name === 'notifications') continue;
      const actions = actionsOf(statementsOf(name));
      expect(actions, name).not.toContain('ses:SendEmail');
      expect(actions, name).not.toContain('sns:Publish');
    }
  });

  it('hands outbox items to the notifications and holds queues only from the stream relay and the sweep', () => {
    for (const name of Object.keys(fns) as (keyof typeof fns)[]) {
      const env = (
        template.findResources('AWS::Lambda::Function')[idOf(fns[name].function)] as {
          Properties: { Environment: { Variables: Record<string, unknown> } };
        }
      ).Properties.Environment.Variables;
      const relays = name === 'outbox' || name === 'notifications';
      for (const queue of ['QUEUE_URL_NOTIFICATIONS', 'QUEUE_URL_HOLDS'])
        expect(Object.keys(env).includes(queue), `${name} ${queue}`).toBe(relays);
    }
  });
});
