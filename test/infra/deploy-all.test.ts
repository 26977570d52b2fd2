import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultTenantsDir } from '../../lib/config/tenant-config.js';
import { tenantStackNames } from '../../lib/tenant-app.js';

const projectRoot = path.resolve(import.meta.dirname, '../..');
const tempDir = (prefix: string): string => mkdtempSync(path.join(tmpdir(), prefix));

interface ScriptRun {
  code: number;
  /** stdout and stderr together: the CDK CLI prints its diff on stderr. */
  output: string;
}

/** `npm run deploy:all -- <args>` without npm, writing its assemblies under a fresh directory. */
const deployAll = async (args: string[], outDir: string): Promise<ScriptRun> => {
  const argv = ['--import', 'tsx', 'scripts/deploy-all.ts', ...args, '--out-dir', outDir];
  // No colours, so the diff's markers are plain text.
  const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, argv, {
      cwd: projectRoot,
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, output: `${stdout}\n${stderr}` };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: `${failed.stdout}\n${failed.stderr}` };
  }
};

const checkedInTenants = readdirSync(defaultTenantsDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length));

describe('deploy-all --dry-run over the checked-in tenants', () => {
  const outDir = tempDir('evently-deploy-all-');
  let run: ScriptRun;

  // One run for every assertion: each tenant is a CDK CLI synth (a Node process loading the app)
  // and two diffs. `--no-bundling` leaves out esbuild, which the templates do not depend on.
  beforeAll(async () => {
    run = await deployAll(['--dry-run', '--no-bundling'], outDir);
  }, 240_000);

  it('succeeds for every tenant', () => {
    expect(checkedInTenants.length).toBeGreaterThan(0);
    expect(run.output).toContain(`dry run done for ${checkedInTenants.join(', ')}`);
    expect(run.code).toBe(0);
  });

  it.each(checkedInTenants)('diffs both stacks of %s against an empty template', (tenantId) => {
    const { data, app } = tenantStackNames(tenantId);
    const diffOf = (stack: string): string => {
      const start = run.output.indexOf(`Stack ${stack}\n`);
      expect(start, `no diff of ${stack}`).toBeGreaterThanOrEqual(0);
      return run.output.slice(start, run.output.indexOf('Number of stacks with differences', start));
    };
    expect(run.output).toContain(`=== tenant ${tenantId}: stacks ${data}, ${app}`);
    expect(diffOf(data)).toMatch(/\[\+\] AWS::DynamoDB::Table Table /);
    expect(diffOf(app)).toMatch(/\[\+\] AWS::Lambda::Function /);
    expect(diffOf(app)).toMatch(/\[\+\] AWS::SQS::Queue /);
    const empty = path.join(outDir, 'empty-template.json');
    expect(run.output).toContain(
      `diff --app ${path.join(outDir, tenantId)} --template ${empty} --exclusively ${app}`,
    );
  });

  it.each(checkedInTenants)('writes the cloud assembly of %s to a directory of its own', (tenantId) => {
    const { data, app } = tenantStackNames(tenantId);
    for (const stack of [data, app]) {
      expect(existsSync(path.join(outDir, tenantId, `${stack}.template.json`)), stack).toBe(true);
    }
  });
});

describe('deploy-all with an invalid tenant file', () => {
  it('stops before anything is synthesized, naming the file and the field', async () => {
    const tenantsDir = tempDir('evently-tenants-');
    copyFileSync(path.join(defaultTenantsDir, 'acme.json'), path.join(tenantsDir, 'acme.json'));
    const broken = { tenantId: 'initech', region: 'eu-west-1', logRetentionDays: 30 };
    writeFileSync(path.join(tenantsDir, 'initech.json'), JSON.stringify(broken));
    const outDir = tempDir('evently-deploy-all-');

    // --tenant acme: the valid tenant alone is asked for, and the bad file still stops the run.
    const run = await deployAll(['--dry-run', '--tenants-dir', tenantsDir, '--tenant', 'acme'], outDir);

    expect(run.code).toBe(1);
    expect(run.output).toMatch(/Invalid tenant config .*initech\.json/);
    expect(run.output).toContain('account: ');
    expect(run.output).toContain('orgCreation: ');
    expect(run.output).toContain('nothing was synthesized or deployed');
    expect(run.output).not.toContain('$ npx cdk');
    expect(readdirSync(outDir)).toEqual([]);
  }, 60_000);

  it('refuses --no-bundling outside a dry run, since such an assembly must never be deployed', async () => {
    const run = await deployAll(['--no-bundling'], tempDir('evently-deploy-all-'));
    expect(run.code).toBe(2);
    expect(run.output).toContain('--no-bundling needs --dry-run');
  }, 60_000);
});
