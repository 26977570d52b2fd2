import { describe, expect, it } from 'vitest';
import { functionDefinitions } from '../../functions/app/function-definitions.js';
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
const envOf = (name: keyof typeof fns): Record<string, unknown> =>
  (
    template.findResources('AWS::Lambda::Function')[idOf(fns[name].function)] as {
      Properties: { Environment: { Variables: Record<string, unknown> } };
    }
  ).Properties.Environment.Variables;

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

  it('without push: lets the notifications function publish SMS but refuses it every SNS ARN', () => {
    const denies = statementsOf('notifications').filter(
      (s) => (s as { Effect?: string }).Effect === 'Deny' && [s.Action].flat().includes('sns:Publish'),
    );
    expect(denies).toHaveLength(1);
    const resource = JSON.stringify(denies[0]?.Resource);
    expect(resource).toContain(':sns:*:*:*');
    expect(denies[0]?.Condition).toBeUndefined();
  });

  it('without push: grants no platform endpoint action, and sets no platform application', () => {
    for (const name of Object.keys(fns) as (keyof typeof fns)[]) {
      const actions = actionsOf(statementsOf(name));
      for (const action of ['sns:CreatePlatformEndpoint', 'sns:DeleteEndpoint', 'sns:SetEndpointAttributes'])
        expect(actions, name).not.toContain(action);
      expect(
        Object.keys(envOf(name)).filter((k) => k.startsWith('PUSH_APP_')),
        name,
      ).toEqual([]);
    }
  });

  it('lets only the notifications function send email or SMS, and phone sign-in SMS only', () => {
    for (const name of Object.keys(fns) as (keyof typeof fns)[]) {
      if (name === 'notifications') continue;
      const actions = actionsOf(statementsOf(name));
      expect(actions, name).not.toContain('ses:SendEmail');
      // Phone sign-in sends its codes by SMS (docs/identity.md); the Deny beside it refuses every SNS ARN.
      const signsInPhones = (functionDefinitions[name] as { signsInPhones?: boolean }).signsInPhones === true;
      if (!signsInPhones) expect(actions, name).not.toContain('sns:Publish');
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

describe('mobile push grants (CDK), with the platform applications of the tenant config', () => {
  const apns = 'arn:aws:sns:eu-west-1:210987654321:app/APNS/acme-events';
  const fcm = 'arn:aws:sns:eu-west-1:210987654321:app/GCM/acme-events';
  const endpoints = [
    'arn:aws:sns:eu-west-1:210987654321:endpoint/APNS/acme-events/*',
    'arn:aws:sns:eu-west-1:210987654321:endpoint/GCM/acme-events/*',
  ];
  const pushTenant = synthTenant({ ...acme, notifications: { push: { apns, fcm } } });
  const inspect = appInspector(pushTenant);
  const denyOf = (name: keyof typeof inspect.fns) =>
    inspect
      .statementsOf(name)
      .filter(
        (s) => (s as { Effect?: string }).Effect === 'Deny' && [s.Action].flat().includes('sns:Publish'),
      );
  const allowing = (name: keyof typeof inspect.fns, action: string) =>
    inspect
      .statementsOf(name)
      .filter((s) => (s as { Effect?: string }).Effect !== 'Deny' && [s.Action].flat().includes(action));

  it("refuses the notifications function every SNS ARN but the applications' endpoints, never SMS", () => {
    const [deny, ...more] = denyOf('notifications');
    expect(more).toEqual([]);
    const statement = deny as unknown as { NotResource?: unknown; Resource?: unknown; Condition?: unknown };
    expect(statement.Resource).toBeUndefined();
    expect([statement.NotResource].flat().sort()).toEqual(endpoints);
    // Only requests naming a resource of an account: a phone number (SMS) names none.
    expect(statement.Condition).toEqual({ Null: { 'aws:ResourceAccount': 'false' } });
    expect(actionsOf(inspect.statementsOf('notifications'))).toContain('sns:Publish');
  });

  it('lets the notifications function delete the endpoints SNS disabled, and nothing else of them', () => {
    const [remove, ...more] = allowing('notifications', 'sns:DeleteEndpoint');
    expect(more).toEqual([]);
    expect([remove?.Action].flat()).toEqual(['sns:DeleteEndpoint']);
    expect([remove?.Resource].flat().sort()).toEqual(endpoints);
    expect(actionsOf(inspect.statementsOf('notifications'))).not.toContain('sns:CreatePlatformEndpoint');
  });

  it('lets the orgs function create endpoints on the applications, and enable and delete their endpoints', () => {
    const [create, ...moreCreates] = allowing('orgs', 'sns:CreatePlatformEndpoint');
    expect(moreCreates).toEqual([]);
    expect([create?.Action].flat()).toEqual(['sns:CreatePlatformEndpoint']);
    expect([create?.Resource].flat().sort()).toEqual([apns, fcm]);
    const [change, ...moreChanges] = allowing('orgs', 'sns:DeleteEndpoint');
    expect(moreChanges).toEqual([]);
    expect([change?.Action].flat().sort()).toEqual(['sns:DeleteEndpoint', 'sns:SetEndpointAttributes']);
    expect([change?.Resource].flat().sort()).toEqual(endpoints);
    expect(actionsOf(inspect.statementsOf('orgs'))).not.toContain('sns:Publish');
    const env = (
      pushTenant.app.findResources('AWS::Lambda::Function')[inspect.idOf(inspect.fns.orgs.function)] as {
        Properties: { Environment: { Variables: Record<string, unknown> } };
      }
    ).Properties.Environment.Variables;
    expect(env).toMatchObject({ PUSH_APP_APNS: apns, PUSH_APP_FCM: fcm });
    expect(env.PUSH_APP_APNS_SANDBOX).toBeUndefined();
  });

  it('grants no other function any platform endpoint action', () => {
    for (const name of Object.keys(inspect.fns) as (keyof typeof inspect.fns)[]) {
      // jobs: an account's erasure deletes the user's endpoints (docs/profiles.md).
      if (name === 'orgs' || name === 'notifications' || name === 'jobs') continue;
      const actions = actionsOf(inspect.statementsOf(name));
      for (const action of ['sns:CreatePlatformEndpoint', 'sns:DeleteEndpoint', 'sns:SetEndpointAttributes'])
        expect(actions, name).not.toContain(action);
    }
  });
});
