import type { App } from 'aws-cdk-lib';
import { NestedStack, Stack, Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { addTenantStacks } from '../../lib/tenant-app.js';
import { newTestApp, tenantConfig, validationFindings } from './support/synth.js';

// Every validation a real `cdk synth` runs, CDK's own CloudFormation schema checks included.
const tenantsApp = (): App => {
  const app = newTestApp({ cloudFormationValidation: true });
  for (const id of ['acme', 'globex']) addTenantStacks(app, tenantConfig(id));
  return app;
};

/** Every `Validations.of(c).acknowledge(...)` in the tree: rule id (without its namespace) and reason. */
const acknowledgementsIn = (app: App): { path: string; id: string; reason: string }[] =>
  app.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
          path: c.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );

const app = tenantsApp();
const findings = validationFindings(app);

describe('cdk-nag AwsSolutions and Serverless', () => {
  it('reports no unacknowledged error or warning for either tenant (nor does any other validation)', () => {
    expect(findings.map((f) => `${f.severity} ${f.rule} at ${f.paths.join(', ')}`)).toEqual([]);
  });

  it('is really checking: a non-compliant resource shows up as a finding', () => {
    const probe = newTestApp();
    new Queue(new Stack(probe, 'Probe'), 'PlainQueue');
    const rules = validationFindings(probe).map((f) => `${f.plugin} ${f.rule}`);
    expect(rules).toEqual(
      expect.arrayContaining([
        'AwsSolutions AwsSolutions-SQS3',
        'AwsSolutions AwsSolutions-SQS4',
        'Serverless Serverless-SQSRedrivePolicy',
      ]),
    );
  });

  it('checks nested stacks too (the API routes live in them)', () => {
    const probe = newTestApp();
    new Queue(new NestedStack(new Stack(probe, 'Probe'), 'Inner'), 'PlainQueue');
    const found = validationFindings(probe).map((f) => `${f.rule} at ${f.paths.join(', ')}`);
    expect(found).toContain('AwsSolutions-SQS3 at Probe/Inner/PlainQueue/Resource');
  });

  it('acknowledges each finding with a specific reason, IAM4/IAM5 by exact finding id', () => {
    const acknowledgements = acknowledgementsIn(app);
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const ack of acknowledgements) {
      expect(ack.reason.length, `${ack.id} at ${ack.path}`).toBeGreaterThan(40);
      if (/^AwsSolutions-IAM[45]/.test(ack.id)) expect(ack.id).toMatch(/^AwsSolutions-IAM[45]\[.+\]$/);
      expect(ack.id, ack.path).toMatch(/^(AwsSolutions|Serverless)-/);
    }
  });
});
