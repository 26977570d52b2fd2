import path from 'node:path';
import { parseArgs } from 'node:util';
import { defaultTenantsDir } from '../../lib/config/tenant-config.js';

/**
 * `npm run deploy:all -- [--dry-run | --diff-only] [--tenant <id>]... [--tenants-dir <dir>]
 * [--out-dir <dir>] [--no-bundling] [--require-approval never|any-change|broadening|destructive]`
 */
export const usage = [
  'usage: npm run deploy:all -- [--dry-run | --diff-only] [--tenant <id>]... [options]',
  '  --dry-run            synth, then diff each stack against an empty template: offline, no credentials',
  '  --diff-only          synth, then diff against the deployed stacks (needs credentials); deploys nothing',
  '  --tenant <id>        only this tenant (repeatable); every tenant file is still validated',
  '  --tenants-dir <dir>  where the tenant files are (default config/tenants)',
  '  --out-dir <dir>      cloud assemblies go to <dir>/<tenant> (default cdk.out)',
  '  --no-bundling        with --dry-run: templates only, the function bundles are not built (faster)',
  '  --require-approval <level>  passed to cdk deploy: never, any-change, broadening (CDK default), destructive',
].join('\n');

export type Mode = 'deploy' | 'diff-only' | 'dry-run';

const approvalLevels = ['never', 'any-change', 'broadening', 'destructive'] as const;
export type ApprovalLevel = (typeof approvalLevels)[number];

export interface DeployAllOptions {
  mode: Mode;
  /** The tenants to act on, in the order given; empty: every tenant file. */
  tenants: string[];
  tenantsDir: string;
  outDir: string;
  /** False only in a dry run: the function bundles are skipped, the templates are complete. */
  bundling: boolean;
  requireApproval: ApprovalLevel | undefined;
}

/** A command-line mistake: the entry point prints it with the usage and exits with code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const isApprovalLevel = (value: string): value is ApprovalLevel =>
  (approvalLevels as readonly string[]).includes(value);

export const parseDeployAllArgs = (argv: string[], cwd: string = process.cwd()): DeployAllOptions => {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values['dry-run'] && values['diff-only'])
    throw new UsageError('--dry-run and --diff-only exclude each other');
  const mode: Mode = values['dry-run'] ? 'dry-run' : values['diff-only'] ? 'diff-only' : 'deploy';
  // An assembly synthesized without bundles points its functions at placeholder code: never deploy one.
  if (values['no-bundling'] && mode !== 'dry-run') throw new UsageError('--no-bundling needs --dry-run');
  const approval = values['require-approval'];
  if (approval !== undefined && !isApprovalLevel(approval)) {
    throw new UsageError(`--require-approval must be one of ${approvalLevels.join(', ')}, got "${approval}"`);
  }
  return {
    mode,
    tenants: values.tenant ?? [],
    tenantsDir: values['tenants-dir'] ? path.resolve(cwd, values['tenants-dir']) : defaultTenantsDir,
    outDir: path.resolve(cwd, values['out-dir']),
    bundling: !values['no-bundling'],
    requireApproval: approval,
  };
};

const parse = (argv: string[]) =>
  parseArgs({
    args: argv,
    options: {
      'dry-run': { type: 'boolean', default: false },
      'diff-only': { type: 'boolean', default: false },
      tenant: { type: 'string', multiple: true },
      'tenants-dir': { type: 'string' },
      'out-dir': { type: 'string', default: 'cdk.out' },
      'no-bundling': { type: 'boolean', default: false },
      'require-approval': { type: 'string' },
    },
  });
