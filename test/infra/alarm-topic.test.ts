import { describe, expect, it } from 'vitest';
import { resourcesOf, synthTenant, tenantConfig } from './support/synth.js';

/**
 * The alarm topic's own policy (it replaces SNS's default one) lets CloudWatch alarms of this
 * account publish, over TLS, and nobody else.
 */

const { app: template, stacks } = synthTenant(tenantConfig('acme'));

interface PolicyStatement {
  Sid?: string;
  Effect: string;
  Principal: unknown;
  Action: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

const statements = (): PolicyStatement[] =>
  resourcesOf(template, 'AWS::SNS::TopicPolicy').flatMap(
    ([, p]) =>
      (p as { Properties: { PolicyDocument: { Statement: PolicyStatement[] } } }).Properties.PolicyDocument
        .Statement,
  );

describe('the alarm topic policy', () => {
  it('lets CloudWatch publish, only for alarms of this account', () => {
    const allows = statements().filter((s) => s.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    const [publish] = allows;
    expect(publish?.Principal).toEqual({ Service: 'cloudwatch.amazonaws.com' });
    expect([publish?.Action].flat()).toEqual(['sns:Publish']);
    // The tenant's account: the literal id from its file, or the deploy-time account without one.
    const account = stacks.app.resolve(stacks.app.account);
    expect(publish?.Condition?.StringEquals).toEqual({ 'aws:SourceAccount': account });
    const source = JSON.stringify(publish?.Condition?.ArnLike?.['aws:SourceArn']);
    expect(source).toContain(':cloudwatch:');
    expect(source).toContain(':alarm:*');
    expect(source).toContain(typeof account === 'string' ? `:${account}:alarm:*` : 'AWS::AccountId');
  });

  it('still refuses every request that does not use TLS', () => {
    const deny = statements().find((s) => s.Effect === 'Deny');
    expect(deny?.Condition).toEqual({ Bool: { 'aws:SecureTransport': 'false' } });
  });
});
