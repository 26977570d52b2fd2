import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { App, type CfnElement, NestedStack, type Stack } from 'aws-cdk-lib';
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
  /** The app stack's template with its nested stacks (the API's routes) folded in. */
  appWithNested: Template;
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
    appWithNested: withNestedStacks(stacks.app),
  }));
};

/** The nested stacks whose parent is `stack` (the app stack's route stacks). */
export const nestedStacksOf = (stack: Stack): NestedStack[] =>
  stack.node
    .findAll()
    .filter((c): c is NestedStack => NestedStack.isNestedStack(c) && c.nestedStackParent === stack);

type TemplateJson = { Resources: Record<string, { Properties?: { Parameters?: Record<string, unknown> } }> };

/** `value` with every `{ Ref: <parameter> }` replaced by what the parent passes for it. */
const resolveParameters = (value: unknown, parameters: Record<string, unknown>): unknown => {
  if (Array.isArray(value)) return value.map((v) => resolveParameters(v, parameters));
  if (value === null || typeof value !== 'object') return value;
  const ref = (value as { Ref?: unknown }).Ref;
  if (typeof ref === 'string' && Object.keys(value).length === 1 && ref in parameters) return parameters[ref];
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveParameters(v, parameters)]));
};

/**
 * A stack's template with the resources of its nested stacks folded in, each parameter they read
 * replaced by the value the parent passes: a route then names its integration, authorizer and
 * function by their logical ids in the parent, as if one template held them all.
 */
export const withNestedStacks = (stack: Stack): Template => {
  // A copy: Template.fromStack hands out the stack's one parsed template.
  const merged = structuredClone(Template.fromStack(stack).toJSON()) as TemplateJson;
  for (const nested of nestedStacksOf(stack)) {
    const resourceId = stack.getLogicalId(nested.nestedStackResource as CfnElement);
    const parameters = merged.Resources[resourceId]?.Properties?.Parameters ?? {};
    const { Resources } = Template.fromStack(nested).toJSON() as TemplateJson;
    for (const [id, resource] of Object.entries(Resources)) {
      if (id in merged.Resources) throw new Error(`${id} is in ${nested.node.path} and in its parent`);
      merged.Resources[id] = resolveParameters(resource, parameters) as TemplateJson['Resources'][string];
    }
  }
  return Template.fromJSON(merged);
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
