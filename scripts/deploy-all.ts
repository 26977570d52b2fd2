/**
 * `npm run deploy:all -- [--dry-run | --diff-only] [--tenant <id>]...`: every tenant of
 * config/tenants/, one after the other. All tenant files are validated first (a bad one stops the
 * run before anything is synthesized); then for each tenant `cdk synth` into cdk.out/<tenant>,
 * `cdk diff` and `cdk deploy` of its two stacks, stopping at the first failure. `--dry-run` diffs
 * against empty templates instead, offline and without credentials. See docs/operations.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TenantConfigError } from '../lib/config/tenant-config.js';
import { tenantStackNames } from '../lib/tenant-app.js';
import { type DeployAllOptions, parseDeployAllArgs, UsageError, usage } from './deploy-all/args.js';
import { type CdkStep, emptyTemplateFile, tenantSteps } from './deploy-all/steps.js';
import { loadTenants } from './deploy-all/tenants.js';
import { fail } from './local/cli.js';

const projectRoot = path.resolve(import.meta.dirname, '..');
/** The CLI pinned in package.json: `latest` cannot read this aws-cdk-lib's assemblies. */
const cdkBin = path.join(projectRoot, 'node_modules', '.bin', 'cdk');

/** A path as typed from the project folder (relative inside it, absolute outside it). */
const typed = (arg: string): string => {
  if (!path.isAbsolute(arg)) return arg;
  const relative = path.relative(projectRoot, arg);
  return relative.startsWith('..') ? arg : relative || '.';
};

/** The command as it can be pasted into a shell from the project folder. */
const shown = (step: CdkStep): string => ['npx cdk', ...step.args.map(typed)].join(' ');

/** Runs one step with the terminal attached (cdk deploy may ask for approval); true when it succeeded. */
const run = (step: CdkStep): boolean => {
  console.log(`\n$ ${shown(step)}`);
  const result = spawnSync(cdkBin, step.args, {
    cwd: projectRoot,
    stdio: 'inherit',
    // No version check: the CLI then makes no network call of its own.
    env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' },
  });
  return result.status === 0;
};

const verbs = { deploy: 'deployed', 'diff-only': 'diffed', 'dry-run': 'dry run done' } as const;

const main = (options: DeployAllOptions): void => {
  const tenants = loadTenants(options.tenantsDir, options.tenants).map((c) => c.tenantId);
  console.log(`deploy-all (${options.mode}): ${tenants.length} tenant(s) valid: ${tenants.join(', ')}`);
  mkdirSync(options.outDir, { recursive: true });
  if (options.mode === 'dry-run') writeFileSync(emptyTemplateFile(options.outDir), '{}\n');
  for (const [index, tenantId] of tenants.entries()) {
    const names = tenantStackNames(tenantId);
    console.log(`\n=== tenant ${tenantId}: stacks ${names.data}, ${names.app}`);
    for (const step of tenantSteps(tenantId, options)) {
      if (run(step)) continue;
      const notStarted = tenants.slice(index + 1);
      fail(
        `\ndeploy-all: tenant "${tenantId}" failed at cdk ${step.action} (${shown(step)}).` +
          (index > 0 ? ` Done before it: ${tenants.slice(0, index).join(', ')}.` : '') +
          (notStarted.length > 0 ? ` Not started: ${notStarted.join(', ')}.` : ''),
      );
    }
    console.log(`=== tenant ${tenantId}: ${verbs[options.mode]}`);
  }
  console.log(`\ndeploy-all: ${verbs[options.mode]} for ${tenants.join(', ')}`);
};

try {
  main(parseDeployAllArgs(process.argv.slice(2)));
} catch (error) {
  if (error instanceof UsageError) fail(`${error.message}\n${usage}`, 2);
  // A configuration mistake gets its message alone: every bad file and field, nothing deployed.
  if (error instanceof TenantConfigError)
    fail(`${error.message}\ndeploy-all: nothing was synthesized or deployed`);
  throw error;
}
