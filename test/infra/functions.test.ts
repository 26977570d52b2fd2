import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  type FunctionDefinition,
  type FunctionName,
  functionDefinitions,
} from '../../functions/app/function-definitions.js';
import { queueUrlEnvVar } from '../../functions/app/queue-definitions.js';
import { streamConsumers } from '../../functions/app/stream-definitions.js';
import { tableActions } from '../../lib/constructs/table-access.js';
import { resourcesOf, synthTenant, tenantConfig } from './support/synth.js';

const config = tenantConfig('globex');
const { app: template, stacks } = synthTenant(config);
const definitions = Object.entries(functionDefinitions) as [FunctionName, FunctionDefinition][];

interface Statement {
  Action: string | string[];
  Resource: unknown;
  Effect: string;
}

const logicalId = (name: FunctionName, part: 'Function' | 'Role'): string =>
  stacks.app.getLogicalId(stacks.app.functions.byName[name].node.findChild(part).node.defaultChild as never);

const functionProps = (name: FunctionName) =>
  template.findResources('AWS::Lambda::Function')[logicalId(name, 'Function')]?.Properties as {
    Environment: { Variables: Record<string, unknown> };
  };

/** Every statement of every policy attached to the function's role. */
const statementsOf = (name: FunctionName): Statement[] =>
  resourcesOf(template, 'AWS::IAM::Policy')
    .map(
      ([, p]) =>
        (p as { Properties: { Roles: unknown[]; PolicyDocument: { Statement: Statement[] } } }).Properties,
    )
    .filter((p) => JSON.stringify(p.Roles) === JSON.stringify([{ Ref: logicalId(name, 'Role') }]))
    .flatMap((p) => p.PolicyDocument.Statement);

const actionsOf = (name: FunctionName, prefix: string): string[] =>
  statementsOf(name)
    .flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]))
    .filter((a) => a.startsWith(prefix));

describe.each(definitions)('function %s', (name, definition) => {
  it('runs Node 22 on ARM64 with active tracing and the definition’s memory and timeout', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: definition.description,
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      TracingConfig: { Mode: 'Active' },
      MemorySize: definition.memoryMb,
      Timeout: definition.timeoutSeconds,
      LoggingConfig: { LogGroup: Match.anyValue() },
    });
  });

  it('gets exactly the table actions its definition allows, and no Scan', () => {
    const streamRead = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'];
    const actions = actionsOf(name, 'dynamodb:');
    // A stream consumer's mapping also reads the table's stream (test/infra/outbox-stream.test.ts).
    const readsStream = streamConsumers.some((c) => c.consumer === name);
    expect(streamRead.every((a) => actions.includes(a))).toBe(readsStream);
    const granted = new Set(actions.filter((a) => !streamRead.includes(a) && a !== 'dynamodb:ListStreams'));
    expect([...granted].sort()).toEqual([...tableActions[definition.table]].sort());
    expect(granted.has('dynamodb:Scan')).toBe(false);
  });

  it('may send only to the queues in its sendsTo', () => {
    const sendResources = statementsOf(name)
      .filter((s) => [s.Action].flat().includes('sqs:SendMessage'))
      // CDK merges the grants of one action into one statement listing every queue (and the
      // grants on one queue into one statement: a consumer sending to its own queue).
      .flatMap((s) => [s.Resource].flat())
      .map((r) => JSON.stringify(r));
    const arnOf = (queue: { node: { defaultChild?: unknown } }) =>
      JSON.stringify({ 'Fn::GetAtt': [stacks.app.getLogicalId(queue.node.defaultChild as never), 'Arn'] });
    // A stream consumer's mapping also sends the batches it gives up on to its dead-letter queue.
    const expected = [
      ...definition.sendsTo.map((q) => arnOf(stacks.app.queues.get(q).queue)),
      ...stacks.app.streams.consumers
        .filter((c) => c.definition.consumer === name)
        .map((c) => arnOf(c.deadLetterQueue)),
    ];
    expect(sendResources.sort()).toEqual(expected.sort());
  });

  it('reads the tenant settings, and TABLE_NAME / queue URLs only for what it may use', () => {
    const variables = functionProps(name).Environment.Variables;
    expect(variables).toMatchObject({
      POWERTOOLS_SERVICE_NAME: `evently-${name}`,
      POWERTOOLS_METRICS_NAMESPACE: `Evently/${config.tenantId}`,
      POWERTOOLS_LOG_LEVEL: config.logLevel,
      ORG_CREATION: 'operators',
      OPERATOR_SUBS: config.orgCreation.operators.join(','),
      MAX_BODY_BYTES: String(config.api.maxBodyBytes),
      COUNTER_MAX_SHARDS: String(config.counterShards.maxShards),
      COUNTER_PLACES_PER_SHARD: String(config.counterShards.placesPerShard),
    });
    expect('TABLE_NAME' in variables).toBe(definition.table !== 'none');
    const queueVars = Object.keys(variables).filter((k) => k.startsWith('QUEUE_URL_'));
    expect(queueVars.sort()).toEqual(definition.sendsTo.map(queueUrlEnvVar).sort());
  });
});

describe('function permissions', () => {
  it('gives the public function no DynamoDB permission at all', () => {
    expect(actionsOf('public', 'dynamodb:')).toEqual([]);
    expect(JSON.stringify(statementsOf('public'))).not.toContain('dynamodb');
  });

  it('scopes table grants to the table and its named indexes, never index/*', () => {
    const resources = JSON.stringify(definitions.flatMap(([name]) => statementsOf(name)));
    expect(resources).toContain('/index/gsi1');
    expect(resources).not.toContain('/index/*');
  });

  it('uses its own role per function and no managed policies (but CodeDeploy’s own, on its role)', () => {
    template.resourceCountIs('AWS::IAM::Role', definitions.length + 2 /* scheduler, CodeDeploy */);
    for (const [, role] of resourcesOf(template, 'AWS::IAM::Role')) {
      const { ManagedPolicyArns, AssumeRolePolicyDocument } = (
        role as { Properties: { ManagedPolicyArns?: unknown; AssumeRolePolicyDocument: unknown } }
      ).Properties;
      if (JSON.stringify(AssumeRolePolicyDocument).includes('codedeploy.amazonaws.com')) {
        expect(JSON.stringify(ManagedPolicyArns)).toContain('service-role/AWSCodeDeployRoleForLambdaLimited');
      } else {
        expect(ManagedPolicyArns).toBeUndefined();
      }
    }
  });
});
