import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { httpFunctionNames } from '../../functions/app/function-definitions.js';
import { logicalIdIn, nestedStacksOf, resourcesOf, synthTenant, tenantConfig } from './support/synth.js';

/**
 * AWS per-resource limits the tenant stack approaches, computed from the synthesized templates
 * (the app stack and its nested route stacks), with the headroom printed: a Lambda function's
 * resource policy (20 KB; the test fails above 15 KB), resources per stack (500), a template's
 * size (1 MB through S3), and a function's environment (4 KB).
 */

const tenant = synthTenant(tenantConfig('acme'));
// Permissions are in the app stack and, per route of the public function, in the route stacks.
const template = tenant.appWithNested;
const json = tenant.app.toJSON() as {
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
};

const headroom = (what: string, used: number, limit: number) => {
  console.info(`${what}: ${used} of ${limit} (${Math.round((100 * used) / limit)} %, ${limit - used} left)`);
};

/**
 * A permission's statement as Lambda stores it, with the longest values a deploy could give its
 * tokens: a statement id of 100 characters (CloudFormation's physical id), a 64-character
 * function name, the longest region and a 12-digit account.
 */
const statementSize = (sourceArnTail: string): number =>
  JSON.stringify({
    Sid: 'x'.repeat(100),
    Effect: 'Allow',
    Principal: { Service: 'apigateway.amazonaws.com' },
    Action: 'lambda:InvokeFunction',
    Resource: `arn:aws:lambda:ap-southeast-2:123456789012:function:${'f'.repeat(64)}`,
    Condition: {
      ArnLike: {
        'AWS:SourceArn': `arn:aws:execute-api:ap-southeast-2:123456789012:abcdefghij${sourceArnTail}`,
      },
    },
  }).length;

const policyOverhead = JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: [] }).length;

const functionIds = resourcesOf(template, 'AWS::Lambda::Function').map(([id]) => id);

/** A function and its aliases: API Gateway's permissions are granted on the `live` alias. */
const invokableIdsOf = (fnId: string): string[] => [
  fnId,
  ...resourcesOf(template, 'AWS::Lambda::Alias')
    .filter(
      ([, a]) =>
        logicalIdIn((a as { Properties: { FunctionName: unknown } }).Properties.FunctionName) === fnId,
    )
    .map(([id]) => id),
];

describe('a function’s resource policy', () => {
  const sizes = functionIds.map((fnId) => {
    const ids = invokableIdsOf(fnId);
    const statements = resourcesOf(template, 'AWS::Lambda::Permission')
      .map(([, p]) => (p as { Properties: { FunctionName: unknown; SourceArn?: unknown } }).Properties)
      .filter((p) => ids.includes(logicalIdIn(p.FunctionName)))
      .map((p) => {
        const parts =
          (p.SourceArn as { 'Fn::Join'?: [string, unknown[]] } | undefined)?.['Fn::Join']?.[1] ?? [];
        return statementSize(String(parts.at(-1) ?? ':*'));
      });
    return {
      fnId,
      statements: statements.length,
      bytes: policyOverhead + statements.reduce((a, b) => a + b + 1, 0),
    };
  });

  it.each(sizes.map((s) => [s.fnId, s] as const))('%s stays under 15 KB (Lambda allows 20 KB)', (_, s) => {
    headroom(`${s.fnId} resource policy bytes (${s.statements} statements)`, s.bytes, 20_480);
    expect(s.bytes).toBeLessThan(15_360);
  });

  it('is one statement for the whole API for every function but the public one', () => {
    const many = sizes.filter((s) => s.statements > 12);
    expect(many).toEqual([]);
    // Counted at all: every HTTP function has its grant (through its alias).
    expect(sizes.filter((s) => s.statements > 0)).toHaveLength(httpFunctionNames().length);
  });
});

/** The app stack and each of its nested stacks (the API's routes), each under its own limits. */
const stacks: [string, Template][] = [
  ['app stack', tenant.app],
  ...nestedStacksOf(tenant.stacks.app).map((s): [string, Template] => [s.node.path, Template.fromStack(s)]),
];

describe('the stack', () => {
  it.each(stacks)('%s has room for more resources (500 per stack)', (name, t) => {
    const count = Object.keys((t.toJSON() as typeof json).Resources).length;
    headroom(`resources in ${name}`, count, 500);
    // The app stack: about 240, none of them a manifest route (in the route stacks, about 45
    // each: docs/operations.md, "The app stack and its route stacks"). 50 below the limit.
    expect(count).toBeLessThan(450);
  });

  it.each(stacks)('%s has a template well under the 1 MB CloudFormation takes through S3', (name, t) => {
    const bytes = JSON.stringify(t.toJSON()).length;
    headroom(`${name} template bytes`, bytes, 1_048_576);
    expect(bytes).toBeLessThan(512_000);
  });

  it.each(functionIds)('%s: its environment stays under Lambda’s 4 KB', (fnId) => {
    const env =
      (json.Resources[fnId]?.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)
        ?.Variables ?? {};
    // Tokens (queue URLs, ARNs) resolve to strings of at most about 200 characters.
    const bytes = Object.entries(env).reduce(
      (n, [k, v]) => n + k.length + (typeof v === 'string' ? v.length : 200),
      0,
    );
    headroom(`${fnId} environment bytes`, bytes, 4096);
    expect(bytes).toBeLessThan(3072);
  });
});
