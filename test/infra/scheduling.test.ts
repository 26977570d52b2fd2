import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { nightlyMessageSchema } from '../../functions/modules/nightly/contracts/nightly.js';
import { resourcesOf, synthTenant, tenantConfig } from './support/synth.js';

const config = tenantConfig('globex');
const { app: template, stacks } = synthTenant(config);
const idOf = (construct: { node: { defaultChild?: unknown } }): string =>
  stacks.app.getLogicalId(construct.node.defaultChild as never);
const nightlyQueueArn = { 'Fn::GetAtt': [idOf(stacks.app.queues.get('nightly').queue), 'Arn'] };
const holdsQueueArn = { 'Fn::GetAtt': [idOf(stacks.app.queues.get('holds').queue), 'Arn'] };
const jobsQueueArn = { 'Fn::GetAtt': [idOf(stacks.app.queues.get('jobs').queue), 'Arn'] };
const deliveryDlqArn = { 'Fn::GetAtt': [idOf(stacks.app.queues.deliveryDeadLetterQueue), 'Arn'] };
const schedulerRoleId = idOf(stacks.app.scheduler.role);
const groupId = idOf(stacks.app.scheduler.group);

describe('EventBridge Scheduler', () => {
  it('has one schedule group, named after the tenant stack', () => {
    template.resourceCountIs('AWS::Scheduler::ScheduleGroup', 1);
    template.hasResourceProperties('AWS::Scheduler::ScheduleGroup', {
      Name: Match.stringLikeRegexp(`^evently${config.tenantId}app-`),
    });
  });

  it('has a role only Scheduler can assume, only for this group in this account', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: {
              StringEquals: {
                'aws:SourceAccount': stacks.app.resolve(stacks.app.account),
                'aws:SourceArn': { 'Fn::GetAtt': [groupId, 'Arn'] },
              },
            },
          },
        ],
      },
    });
  });

  it('lets that role do one thing: send to the holds or jobs queue (announcements), or to the delivery DLQ what it could not deliver', () => {
    const policies = resourcesOf(template, 'AWS::IAM::Policy')
      .map(
        ([, p]) =>
          (p as { Properties: { Roles: unknown[]; PolicyDocument: { Statement: unknown[] } } }).Properties,
      )
      .filter((p) => JSON.stringify(p.Roles) === JSON.stringify([{ Ref: schedulerRoleId }]));
    expect(policies.flatMap((p) => p.PolicyDocument.Statement)).toEqual([
      { Action: 'sqs:SendMessage', Effect: 'Allow', Resource: [deliveryDlqArn, holdsQueueArn, jobsQueueArn] },
    ]);
  });

  it('tells every scheduling function the delivery DLQ its schedules name', () => {
    const scheduling = Object.values(stacks.app.functions.byName).filter((f) => f.definition.schedulesHolds);
    expect(scheduling.length).toBeGreaterThan(0);
    for (const fn of scheduling) {
      const props = template.findResources('AWS::Lambda::Function')[idOf(fn.function)]?.Properties;
      expect(props?.Environment.Variables.SCHEDULE_DLQ_ARN, fn.node.path).toEqual(deliveryDlqArn);
    }
  });
});

describe('EventBridge rules', () => {
  const rules = resourcesOf(template, 'AWS::Events::Rule').map(
    ([id, r]) => [id, (r as { Properties: { Targets: Record<string, unknown>[] } }).Properties] as const,
  );

  // The event bus's rule hands domain events to the webhooks queue and retries for a day
  // (docs/events/README.md); the schedules' rules give up within the hour.
  const isEventsRule = (id: string) => id.startsWith('EventsToWebhooks');

  it.each(rules.filter(([id]) => !isEventsRule(id)).map(([id, r]) => [id, r] as const))(
    '%s keeps what it cannot deliver within an hour in the delivery DLQ',
    (_, rule) => {
      expect(rule.Targets).toHaveLength(1);
      expect(rule.Targets[0]).toMatchObject({
        DeadLetterConfig: { Arn: deliveryDlqArn },
        RetryPolicy: { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 10 },
      });
    },
  );

  it('the event bus rule retries for a day, then keeps what it could not deliver in the delivery DLQ', () => {
    const events = rules.filter(([id]) => isEventsRule(id));
    expect(events).toHaveLength(1);
    expect(events[0]?.[1].Targets[0]).toMatchObject({
      DeadLetterConfig: { Arn: deliveryDlqArn },
      RetryPolicy: { MaximumEventAgeInSeconds: 86_400 },
    });
  });

  it('may all send to the delivery DLQ, each rule by its own ARN', () => {
    const allowed = resourcesOf(template, 'AWS::SQS::QueuePolicy')
      .map(([, p]) => p as { Properties: { Queues: unknown[]; PolicyDocument: { Statement: unknown[] } } })
      .filter((p) =>
        JSON.stringify(p.Properties.Queues).includes(idOf(stacks.app.queues.deliveryDeadLetterQueue)),
      )
      .flatMap((p) => p.Properties.PolicyDocument.Statement)
      .map((s) => JSON.stringify(s));
    for (const [ruleId] of rules) {
      expect(allowed.some((s) => s.includes('events.amazonaws.com') && s.includes(`"${ruleId}"`))).toBe(true);
    }
  });
});

describe('nightly rule', () => {
  // The holds sweeper is the other rule (test/infra/holds.test.ts).
  const rules = resourcesOf(template, 'AWS::Events::Rule').filter(([, r]) =>
    JSON.stringify(r).includes('"ScheduleExpression":"cron('),
  );
  const rule = rules[0]?.[1] as {
    Properties: { ScheduleExpression: string; Targets: { Arn: unknown; Input: string }[] };
  };

  it('fires once a night at the configured UTC time', () => {
    expect(rules).toHaveLength(1);
    const { hourUtc, minuteUtc } = config.nightly;
    expect(rule.Properties.ScheduleExpression).toBe(`cron(${minuteUtc} ${hourUtc} * * ? *)`);
  });

  it('puts a nightly.tick message on the nightly queue', () => {
    expect(rule.Properties.Targets).toHaveLength(1);
    const [target] = rule.Properties.Targets;
    expect(target?.Arn).toEqual(nightlyQueueArn);
    const message = JSON.parse(target?.Input ?? 'null');
    expect(message).toEqual({ type: 'nightly.tick' });
    expect(nightlyMessageSchema.safeParse(message).success).toBe(true);
  });

  it('is allowed to send to the nightly queue, and only this rule is', () => {
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Resource: nightlyQueueArn,
            Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [rules[0]?.[0], 'Arn'] } } },
          }),
        ]),
      },
    });
  });
});
