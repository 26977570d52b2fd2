import { Match, type Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { tenantStackNames } from '../../lib/tenant-app.js';
import { type SynthesizedTenant, synthTenants, tenantConfig } from './support/synth.js';

/** Properties that hold a resource's physical name, which must be unique per account and region. */
const physicalNameProperty: Record<string, string> = {
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::IAM::Role': 'RoleName',
  'AWS::KMS::Alias': 'AliasName',
  'AWS::Scheduler::ScheduleGroup': 'Name',
  'AWS::Events::Rule': 'Name',
  'AWS::ApiGatewayV2::Api': 'Name',
};

/** Explicit names in one template (CDK-generated ones are absent and derive from the stack name). */
const explicitNames = (template: Template): string[] => {
  const { Resources = {}, Outputs = {} } = template.toJSON() as {
    Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
    Outputs?: Record<string, { Export?: { Name?: unknown } }>;
  };
  const resourceNames = Object.values(Resources).map((r) => {
    const property = physicalNameProperty[r.Type];
    return property === undefined ? undefined : r.Properties?.[property];
  });
  const exportNames = Object.values(Outputs).map((o) => o.Export?.Name);
  return [...resourceNames, ...exportNames].filter((n): n is string => typeof n === 'string');
};

const namesOf = (t: SynthesizedTenant): string[] => [
  t.stacks.data.stackName,
  t.stacks.app.stackName,
  ...explicitNames(t.data),
  ...explicitNames(t.appWithNested),
];

// Both example tenants in one app, the way two deployments share one account and region.
const [acme, globex] = synthTenants([tenantConfig('acme'), tenantConfig('globex')]) as [
  SynthesizedTenant,
  SynthesizedTenant,
];

describe('two tenants side by side', () => {
  it('name their stacks evently-<tenant>-data and evently-<tenant>-app', () => {
    expect([acme.stacks.data.stackName, acme.stacks.app.stackName]).toEqual(
      Object.values(tenantStackNames('acme')),
    );
    expect([globex.stacks.data.stackName, globex.stacks.app.stackName]).toEqual(
      Object.values(tenantStackNames('globex')),
    );
  });

  it('share no physical name', () => {
    const acmeNames = namesOf(acme);
    expect(acmeNames.length).toBeGreaterThan(2);
    expect(acmeNames.filter((n) => namesOf(globex).includes(n))).toEqual([]);
  });

  it('carry the tenant id in every explicit physical name', () => {
    for (const tenant of [acme, globex]) {
      const compact = tenant.config.tenantId.replaceAll('-', '');
      for (const name of namesOf(tenant)) expect(name.replaceAll('-', '')).toContain(compact);
    }
  });

  it('deploy to their own regions and tag every stack with the tenant', () => {
    expect(acme.stacks.app.region).toBe('eu-west-1');
    expect(globex.stacks.app.region).toBe('us-east-1');
    expect(globex.stacks.app.account).toBe('123456789012');
    for (const tenant of [acme, globex]) {
      const tags = tenant.stacks.data.tags.tagValues();
      expect(tags['evently:tenant']).toBe(tenant.config.tenantId);
      // The route stacks too: CloudFormation tags a nested stack's resources with its tags.
      tenant.app.allResourcesProperties('AWS::CloudFormation::Stack', {
        Tags: Match.arrayWith([{ Key: 'evently:tenant', Value: tenant.config.tenantId }]),
      });
    }
  });
});
