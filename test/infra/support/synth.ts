import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { loadTenantConfig, type TenantConfig } from '../../../lib/config/tenant-config.js';
import { addComplianceChecks, addTenantStacks, type TenantStacks } from '../../../lib/tenant-app.js';

const projectRoot = path.resolve(import.meta.dirname, '../../..');

/** The feature flags `cdk synth` applies from cdk.json, so tests see the templates the CLI produces. */
const cdkJsonContext = (): Record<string, unknown> =>
  (
    JSON.parse(readFileSync(path.join(projectRoot, 'cdk.json'), 'utf8')) as {
      context?: Record<string, unknown>;
    }
  ).context ?? {};

/** cdk.json's context, minus esbuild: infra tests check templates, not bundles (and stay fast). */
export const testContext = { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] };

export interface SynthesizedTenant {
  config: TenantConfig;
  stacks: TenantStacks;
  data: Template;
  app: Template;
}

/**
 * A fresh App with the compliance checks bin/app.ts registers. CDK's built-in CloudFormation
 * schema validation costs about 4 s per process, so only the validation test turns it on.
 */
export const newTestApp = ({ cloudFormationValidation = false } = {}): App => {
  const app = new App({ context: testContext, builtinCloudFormationValidation: cloudFormationValidation });
  addComplianceChecks(app);
  return app;
};

/**
 * Several tenants' stacks side by side in one app, synthesized once (an app cannot change after
 * its first synthesis, so every tenant is added before the first Template.fromStack).
 */
export const synthTenants = (
  configs: readonly TenantConfig[],
  app: App = newTestApp(),
): SynthesizedTenant[] => {
  const added = configs.map((config) => ({ config, stacks: addTenantStacks(app, config) }));
  return added.map(({ config, stacks }) => ({
    config,
    stacks,
    data: Template.fromStack(stacks.data),
    app: Template.fromStack(stacks.app),
  }));
};

export const synthTenant = (config: TenantConfig): SynthesizedTenant => synthTenants([config])[0]!;

/** One of the checked-in example tenants (config/tenants/<id>.json). */
export const tenantConfig = (id: string): TenantConfig => loadTenantConfig(id);

export interface Finding {
  plugin: string;
  rule: string;
  severity: string;
  paths: string[];
}

interface ValidationReport {
  pluginReports: {
    pluginName: string;
    violations: { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }[];
  }[];
}

/**
 * Synthesizes `app` and returns every unacknowledged finding of every validation plugin (cdk-nag
 * among them), read from the report the Validations framework writes into the cloud assembly.
 * Synthesis throws when a plugin reports errors; the report is written before that.
 */
export const validationFindings = (app: App): Finding[] => {
  const reportFile = path.join(app.outdir, 'validation-report.json');
  try {
    app.synth();
  } catch (error) {
    // Only a failed validation leaves a report behind; anything else is a real synthesis error.
    if (!existsSync(reportFile)) throw error;
  }
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as ValidationReport;
  return report.pluginReports.flatMap((p) =>
    p.violations.map((v) => ({
      plugin: p.pluginName,
      rule: v.ruleName,
      severity: v.severity,
      paths: v.violatingConstructs.map((c) => c.constructPath),
    })),
  );
};

/** `[logicalId, resource]` pairs of one type, for assertions that need to look across resources. */
export const resourcesOf = (template: Template, type: string): [string, Record<string, unknown>][] =>
  Object.entries(template.findResources(type)) as [string, Record<string, unknown>][];

/** The logical id a `Ref` or `Fn::GetAtt` points at (a function, its alias, a queue, ...). */
export const logicalIdIn = (value: unknown): string => {
  const ref = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] } | undefined;
  const id = ref?.Ref ?? ref?.['Fn::GetAtt']?.[0];
  if (!id) throw new Error(`not a reference: ${JSON.stringify(value)}`);
  return id;
};

/** How an event source mapping names the alias it invokes: `<function name>:<alias>`. */
export const aliasInvokedBy = (aliasLogicalId: string, aliasName = 'live') => ({
  'Fn::Join': ['', [{ 'Fn::Select': [6, { 'Fn::Split': [':', { Ref: aliasLogicalId }] }] }, `:${aliasName}`]],
});
