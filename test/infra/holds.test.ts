import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { functionDefinitions } from '../../functions/app/function-definitions.js';
import { holdsMessageSchema } from '../../functions/modules/bookings/contracts/holds.js';
import { actionsOf, appInspector } from './support/grants.js';
import { aliasInvokedBy, resourcesOf, synthTenant, tenantConfig } from './support/synth.js';

/** Hold expiry in the deployed stack: schedules -> holds queue -> holds function, plus the sweeper. */

const tenant = synthTenant(tenantConfig('acme'));
const { app: template, stacks } = tenant;
const { idOf, fns, statementsOf } = appInspector(tenant);
const holds = stacks.app.queues.get('holds');
const holdsQueueArn = { 'Fn::GetAtt': [idOf(holds.queue), 'Arn'] };
const environmentOf = (fnName: keyof typeof fns): Record<string, unknown> => {
  const fn = template.findResources('AWS::Lambda::Function')[idOf(fns[fnName].function)];
  return (fn as { Properties: { Environment: { Variables: Record<string, unknown> } } }).Properties
    .Environment.Variables;
};

const schedulingFunctions = (Object.keys(fns) as (keyof typeof fns)[]).filter(
  (name) => (functionDefinitions[name] as { schedulesHolds?: boolean }).schedulesHolds === true,
);
const otherFunctions = (Object.keys(fns) as (keyof typeof fns)[]).filter(
  (name) => !schedulingFunctions.includes(name),
);

describe('holds sweeper rule', () => {
  // The outbox sweeper also runs every minute, on the notifications queue: only rules targeting holds count.
  const sweeps = resourcesOf(template, 'AWS::Events::Rule').filter(([, r]) => {
    const props = (r as { Properties: { ScheduleExpression: string; Targets: { Arn: unknown }[] } })
      .Properties;
    return (
      props.ScheduleExpression === 'rate(1 minute)' &&
      props.Targets.some((t) => JSON.stringify(t.Arn) === JSON.stringify(holdsQueueArn))
    );
  });

  it('fires every minute and puts one holds.sweep message on the holds queue', () => {
    expect(sweeps).toHaveLength(1);
    const [, sweep] = sweeps[0] ?? [];
    const { Targets: targets } = (sweep as { Properties: { Targets: { Arn: unknown; Input: string }[] } })
      .Properties;
    expect(targets).toHaveLength(1);
    expect(targets[0]?.Arn).toEqual(holdsQueueArn);
    const message = JSON.parse(targets[0]?.Input ?? 'null');
    expect(message).toEqual({ type: 'holds.sweep' });
    expect(holdsMessageSchema.safeParse(message).success).toBe(true);
  });

  it('is allowed to send to the holds queue, and only this rule is', () => {
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: idOf(holds.queue) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Resource: holdsQueueArn,
            Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [sweeps[0]?.[0], 'Arn'] } } },
          }),
        ]),
      },
    });
  });
});

describe('holds function', () => {
  it('consumes the holds queue (through its live alias) and nothing else, with item failures reported', () => {
    const mappings = resourcesOf(template, 'AWS::Lambda::EventSourceMapping')
      .map(([, m]) => (m as { Properties: Record<string, unknown> }).Properties)
      .filter(
        (m) => JSON.stringify(m.FunctionName) === JSON.stringify(aliasInvokedBy(idOf(fns.holds.alias))),
      );
    expect(mappings).toHaveLength(1);
    expect(mappings[0]).toMatchObject({
      EventSourceArn: holdsQueueArn,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('has a visibility timeout on its queue of at least its own timeout, and a dead-letter queue', () => {
    const props = template.findResources('AWS::SQS::Queue')[idOf(holds.queue)]?.Properties;
    expect(props?.VisibilityTimeout).toBeGreaterThanOrEqual(functionDefinitions.holds.timeoutSeconds);
    expect(props?.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [idOf(holds.deadLetterQueue), 'Arn'] },
      maxReceiveCount: holds.definition.maxReceiveCount,
    });
  });
});

describe('hold scheduling grants', () => {
  const groupName = stacks.app.resolve(stacks.app.scheduler.group.scheduleGroupName) as string;
  const roleArn = { 'Fn::GetAtt': [idOf(stacks.app.scheduler.role), 'Arn'] };

  it('is declared by at least one function (the one that books)', () => {
    expect(schedulingFunctions.length).toBeGreaterThan(0);
  });

  it.each(schedulingFunctions)(
    '%s may create and delete schedules of the group only, and pass the scheduler role to Scheduler only',
    (name) => {
      const statements = statementsOf(name);
      const scheduling = statements.filter((s) => actionsOf([s]).some((a) => a.startsWith('scheduler:')));
      expect(scheduling).toHaveLength(1);
      expect(scheduling[0]?.Action).toEqual(['scheduler:CreateSchedule', 'scheduler:DeleteSchedule']);
      expect(JSON.stringify(scheduling[0]?.Resource)).toContain(`:schedule/${groupName}/*"`);
      const passRole = statements.filter((s) => actionsOf([s]).includes('iam:PassRole'));
      expect(passRole).toEqual([
        {
          Action: 'iam:PassRole',
          Effect: 'Allow',
          Resource: roleArn,
          Condition: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
        },
      ]);
      expect(environmentOf(name)).toMatchObject({
        SCHEDULE_GROUP_NAME: groupName,
        SCHEDULER_ROLE_ARN: roleArn,
        HOLDS_QUEUE_ARN: holdsQueueArn,
      });
    },
  );

  it.each(otherFunctions)('%s gets no scheduling permission and no scheduler settings', (name) => {
    const actions = actionsOf(statementsOf(name));
    expect(actions.filter((a) => a.startsWith('scheduler:') || a === 'iam:PassRole')).toEqual([]);
    expect(Object.keys(environmentOf(name))).not.toContain('SCHEDULE_GROUP_NAME');
  });
});
