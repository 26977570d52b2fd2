import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { functionDefinitions } from '../../functions/app/function-definitions.js';
import { actionsOf, appInspector, type FunctionKey } from './support/grants.js';
import { synthTenant, tenantConfig } from './support/synth.js';

/** The tenant's event bus of public domain events: bus, archive, the rule to webhooks, grants. */

const acme = tenantConfig('acme');
const tenant = synthTenant({ ...acme, events: { archiveRetentionDays: 30 } });
const { app: template, stacks } = tenant;
const { idOf, fns, statementsOf } = appInspector(tenant);
const { eventBus } = stacks.app;
const busArn = { 'Fn::GetAtt': [idOf(eventBus.bus), 'Arn'] };
const publishers = Object.entries(functionDefinitions)
  .filter(([, d]) => (d as { publishesEvents?: boolean }).publishesEvents === true)
  .map(([name]) => name as FunctionKey);

describe('the tenant event bus (CDK)', () => {
  it('is a bus of its own, archived (every evently event) for the configured days', () => {
    template.hasResourceProperties('AWS::Events::EventBus', { Name: 'evently-acme' });
    template.hasResourceProperties('AWS::Events::Archive', {
      SourceArn: busArn,
      RetentionDays: 30,
      EventPattern: { source: ['evently'] },
    });
  });

  it('keeps a year of events when the tenant does not say', () => {
    expect(acme.events.archiveRetentionDays).toBe(365);
  });

  it('hands each event to the webhooks queue (its detail) and the automations queue (wrapped), with the delivery DLQ', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: idOf(eventBus.bus) },
      EventPattern: { source: ['evently'] },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [idOf(stacks.app.queues.get('webhooks').queue), 'Arn'] },
          InputPath: '$.detail',
          DeadLetterConfig: {
            Arn: { 'Fn::GetAtt': [idOf(stacks.app.queues.deliveryDeadLetterQueue), 'Arn'] },
          },
        }),
        // The automations queue: the same event wrapped as an `automations.event` message.
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [idOf(stacks.app.queues.get('automations').queue), 'Arn'] },
          InputTransformer: Match.objectLike({
            InputPathsMap: { detail: '$.detail' },
            InputTemplate: '{"type":"automations.event","event":<detail>}',
          }),
          DeadLetterConfig: {
            Arn: { 'Fn::GetAtt': [idOf(stacks.app.queues.deliveryDeadLetterQueue), 'Arn'] },
          },
        }),
      ],
    });
  });

  it('lets the outbox relay and its sweep publish, and no other function', () => {
    expect(publishers.sort()).toEqual(['notifications', 'outbox']);
    for (const name of Object.keys(fns) as FunctionKey[]) {
      const puts = statementsOf(name).filter((s) => actionsOf([s]).includes('events:PutEvents'));
      if (publishers.includes(name)) expect(puts.map((s) => s.Resource)).toEqual([busArn]);
      else expect(puts).toEqual([]);
    }
  });

  it('tells the publishers the bus name, and no other function', () => {
    const named = Object.values(template.findResources('AWS::Lambda::Function'))
      .map(
        (r) => r.Properties as { Description: string; Environment: { Variables: Record<string, unknown> } },
      )
      .filter((p) => p.Environment.Variables.EVENT_BUS_NAME !== undefined);
    expect(named.map((p) => p.Description).sort()).toEqual(
      publishers.map((name) => functionDefinitions[name].description).sort(),
    );
    for (const p of named)
      expect(p.Environment.Variables.EVENT_BUS_NAME).toEqual({ Ref: idOf(eventBus.bus) });
  });
});
