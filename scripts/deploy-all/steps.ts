import path from 'node:path';
import { defaultTenantsDir } from '../../lib/config/tenant-config.js';
import { tenantStackNames } from '../../lib/tenant-app.js';
import type { DeployAllOptions } from './args.js';

/** One CDK CLI call: what it does for the tenant, and its arguments after `cdk`. */
export interface CdkStep {
  action: 'synth' | 'diff' | 'deploy';
  args: string[];
}

/** Where a tenant's cloud assembly goes: one directory each, so tenants never overwrite each other. */
export const assemblyDir = (outDir: string, tenantId: string): string => path.join(outDir, tenantId);

/** The stack outputs `cdk deploy` writes for the tenant (ApiUrl, JobsQueueUrl, the secrets' ARNs, ...). */
export const outputsFile = (outDir: string, tenantId: string): string =>
  path.join(outDir, `${tenantId}-outputs.json`);

/** The template a dry run compares each stack with: nothing, as before a first deployment. */
export const emptyTemplateFile = (outDir: string): string => path.join(outDir, 'empty-template.json');

/**
 * Synth once into the tenant's own assembly, then diff and deploy that assembly (`--app <dir>`),
 * so what is deployed is exactly what was diffed. Both stacks go in one `cdk deploy`, which
 * deploys the data stack first (the app stack depends on it).
 */
export const tenantSteps = (tenantId: string, options: DeployAllOptions): CdkStep[] => {
  const names = tenantStackNames(tenantId);
  const stacks = [names.data, names.app];
  const assembly = assemblyDir(options.outDir, tenantId);
  const synth: CdkStep = {
    action: 'synth',
    args: [
      'synth',
      '--quiet',
      '-c',
      `tenant=${tenantId}`,
      ...(options.tenantsDir === defaultTenantsDir ? [] : ['-c', `tenantsDir=${options.tenantsDir}`]),
      '--output',
      assembly,
      // The CLI bundles assets of the selected stacks only: selecting the data stack (which has
      // none) skips every function bundle, and the app writes both templates all the same. It also
      // reports cdk-nag findings of the selected stack only: the app stack's come at its diff.
      ...(options.bundling ? [] : ['--exclusively', names.data]),
    ],
  };
  if (options.mode === 'dry-run') {
    // `--template` compares with a local file instead of CloudFormation: no credentials, no network.
    // It takes one stack at a time: `--exclusively` leaves out the app stack's dependency.
    const empty = emptyTemplateFile(options.outDir);
    const diffs = stacks.map(
      (stack): CdkStep => ({
        action: 'diff',
        args: ['diff', '--app', assembly, '--template', empty, '--exclusively', stack],
      }),
    );
    return [synth, ...diffs];
  }
  const diff: CdkStep = { action: 'diff', args: ['diff', '--app', assembly, ...stacks] };
  if (options.mode === 'diff-only') return [synth, diff];
  const deploy: CdkStep = {
    action: 'deploy',
    args: [
      'deploy',
      '--app',
      assembly,
      ...stacks,
      '--outputs-file',
      outputsFile(options.outDir, tenantId),
      ...(options.requireApproval ? ['--require-approval', options.requireApproval] : []),
    ],
  };
  return [synth, diff, deploy];
};
