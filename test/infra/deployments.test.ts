import { describe, expect, it } from 'vitest';
import { type FunctionName, httpFunctionNames } from '../../functions/app/function-definitions.js';
import { liveAliasName } from '../../lib/constructs/lambda-function.js';
import { resourcesOf, synthTenant, tenantConfig } from './support/synth.js';

/** Versions, the `live` alias and the CodeDeploy canary that moves it. */

const { app: template, stacks } = synthTenant(tenantConfig('acme'));
const idOf = (construct: { node: { defaultChild?: unknown } }): string =>
  stacks.app.getLogicalId(construct.node.defaultChild as never);
const fns = stacks.app.functions.byName;
const names = Object.keys(fns) as FunctionName[];

const group = (name: FunctionName) =>
  template.findResources('AWS::CodeDeploy::DeploymentGroup')[idOf(stacks.app.deployments.groups[name])]
    ?.Properties as {
    DeploymentConfigName: string;
    AlarmConfiguration: { Enabled: boolean; Alarms: { Name: unknown }[] };
    AutoRollbackConfiguration: { Enabled: boolean; Events: string[] };
    ServiceRoleArn: unknown;
  };

describe.each(names.map((n) => [n] as const))('the %s function', (name) => {
  const fn = fns[name];

  it(`is invoked through its "${liveAliasName}" alias on a published version`, () => {
    const alias = template.findResources('AWS::Lambda::Alias')[idOf(fn.alias)]?.Properties;
    expect(alias).toMatchObject({
      Name: liveAliasName,
      FunctionName: { Ref: idOf(fn.function) },
      FunctionVersion: { 'Fn::GetAtt': [expect.stringMatching(/CurrentVersion/), 'Version'] },
    });
  });

  it('shifts 10 % of the traffic to a new version for five minutes, rolling back on its alarms', () => {
    const g = group(name);
    expect(g.DeploymentConfigName).toBe('CodeDeployDefault.LambdaCanary10Percent5Minutes');
    expect(g.AutoRollbackConfiguration).toEqual({
      Enabled: true,
      Events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_REQUEST', 'DEPLOYMENT_STOP_ON_ALARM'],
    });
    const alarms = g.AlarmConfiguration.Alarms.map((a) => JSON.stringify(a.Name));
    const expected = [stacks.app.alarms.functionErrors[name]];
    if (httpFunctionNames().includes(name as never)) expected.push(stacks.app.alarms.apiServerErrors);
    expect(g.AlarmConfiguration.Enabled).toBe(true);
    expect(alarms.sort()).toEqual(expected.map((a) => JSON.stringify({ Ref: idOf(a) })).sort());
  });

  it('has its CodeDeploy hook on the alias, so CloudFormation deploys through CodeDeploy', () => {
    const alias = template.findResources('AWS::Lambda::Alias')[idOf(fn.alias)];
    expect(alias?.UpdatePolicy).toEqual({
      CodeDeployLambdaAliasUpdate: {
        ApplicationName: { Ref: idOf(stacks.app.deployments.application) },
        DeploymentGroupName: { Ref: idOf(stacks.app.deployments.groups[name]) },
      },
    });
  });
});

describe('gradual deployments', () => {
  it('share one application and one CodeDeploy role', () => {
    template.resourceCountIs('AWS::CodeDeploy::Application', 1);
    const roles = new Set(names.map((n) => JSON.stringify(group(n).ServiceRoleArn)));
    expect(roles.size).toBe(1);
    const [roleId] = resourcesOf(template, 'AWS::IAM::Role').find(([, r]) =>
      JSON.stringify(r).includes('codedeploy.amazonaws.com'),
    ) ?? [''];
    expect([...roles][0]).toBe(JSON.stringify({ 'Fn::GetAtt': [roleId, 'Arn'] }));
  });
});
