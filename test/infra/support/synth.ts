import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import {
  loadTenantConfig,
  parseTenantConfig,
  type TenantConfig,
  type TenantConfigInput,
} from '../../../lib/config/tenant-config.js';
import { addComplianceChecks, addTenantStacks, type TenantStacks } from '../../../lib/tenant-app.js';

/** Skips esbuild: infra tests check templates, not bundles (and stay a few seconds per synth). */
export const testContext = { 'aws:cdk:bundling-stacks': [] };

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

/** The checked-in example tenant `id`, optionally changed by `override` (validated like a file). */
export const tenantConfig = (id: string, override: Partial<TenantConfigInput> = {}): TenantConfig =>
  parseTenantConfig({ ...loadTenantConfig(id), ...override }, `${id} (test override)`, id);

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
