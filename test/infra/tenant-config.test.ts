import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadTenantConfig, parseTenantConfig, TenantConfigError } from '../../lib/config/tenant-config.js';

const projectRoot = path.resolve(import.meta.dirname, '../..');
const validAcme = loadTenantConfig('acme');

/** A tenants directory holding one file, for the loader's file-level failures. */
const tenantsDirWith = (fileName: string, content: string): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'evently-tenants-'));
  writeFileSync(path.join(dir, fileName), content);
  return dir;
};

const failureOf = (load: () => unknown): string => {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(TenantConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the tenant config to be rejected');
};

describe('tenant config', () => {
  it('loads both example tenants with defaults applied', () => {
    expect(validAcme).toMatchObject({ tenantId: 'acme', orgCreation: { mode: 'anyone' } });
    const globex = loadTenantConfig('globex');
    expect(globex.orgCreation).toEqual({ mode: 'operators', operators: [expect.any(String)] });
    expect(globex.api).toEqual({
      maxBodyBytes: 65536,
      throttle: { rateLimit: 100, burstLimit: 200 },
      routeThrottles: {
        bookings: { rateLimit: 50, burstLimit: 100 },
        webhooks: { rateLimit: 50, burstLimit: 100 },
      },
    });
    expect(globex.functions).toEqual({});
    expect(globex.payments).toEqual({ providers: [], platformFee: { basisPoints: 0, fixedMinor: 0 } });
    expect(validAcme.payments).toEqual({
      providers: ['stripe', 'razorpay'],
      platformFee: { basisPoints: 250, fixedMinor: 30 },
    });
  });

  it('rejects unknown or repeated payment providers and fees out of range, naming each field', () => {
    const input = {
      ...validAcme,
      payments: { providers: ['stripe', 'paypal'], platformFee: { basisPoints: 10_001, fixedMinor: -1 } },
    };
    const message = failureOf(() => parseTenantConfig(input, 'x.json'));
    for (const field of [
      'payments.providers.1',
      'payments.platformFee.basisPoints',
      'payments.platformFee.fixedMinor',
    ]) {
      expect(message).toContain(`  - ${field}`);
    }
    const twice = { ...validAcme, payments: { providers: ['stripe', 'stripe'] } };
    expect(failureOf(() => parseTenantConfig(twice, 'x.json'))).toContain(
      'payments.providers: must not name a provider twice',
    );
    const secretInConfig = { ...validAcme, payments: { providers: ['stripe'], apiKey: 'anything' } };
    expect(failureOf(() => parseTenantConfig(secretInConfig, 'x.json'))).toContain(
      'payments.apiKey: unknown field',
    );
  });

  it('takes a catalog of interests (unique ids and slugs, at most 30), or none for the default', () => {
    expect(validAcme.interests).toBeUndefined();
    const music = { interestId: 'music', name: 'Music', slug: 'music' };
    const own = parseTenantConfig({ ...validAcme, interests: [music] }, 'x.json');
    expect(own.interests).toEqual([music]);
    const twice = { ...validAcme, interests: [music, { ...music, name: 'Tunes' }] };
    expect(failureOf(() => parseTenantConfig(twice, 'x.json'))).toContain('interest ids must be unique');
    const bad = { ...validAcme, interests: [{ ...music, slug: 'Music Live' }] };
    expect(failureOf(() => parseTenantConfig(bad, 'x.json'))).toContain('interests.0.slug');
  });

  it('accepts the whole fee range: no fee, and 100 % in basis points', () => {
    for (const basisPoints of [0, 10_000]) {
      const input = { ...validAcme, payments: { platformFee: { basisPoints } } };
      expect(parseTenantConfig(input, 'x.json').payments.platformFee).toEqual({ basisPoints, fixedMinor: 0 });
    }
  });

  it('names the file when it does not exist', () => {
    expect(failureOf(() => loadTenantConfig('nobody'))).toMatch(/not found: .*config\/tenants\/nobody\.json/);
  });

  it('rejects a tenant id that is not a slug before reading any file', () => {
    expect(failureOf(() => loadTenantConfig('../../etc/passwd'))).toMatch(/Invalid tenant id/);
  });

  it('names the file when it is not JSON', () => {
    const dir = tenantsDirWith('broken.json', '{ "tenantId": ');
    expect(failureOf(() => loadTenantConfig('broken', dir))).toMatch(/broken\.json is not valid JSON/);
  });

  it('lists every invalid field by path, in one message', () => {
    const input = {
      ...validAcme,
      region: 'Europe',
      auth: { issuer: 'http://insecure.example', audiences: [] },
      orgCreation: { mode: 'operators', operators: [] },
      logRetentionDays: 31,
      alarmEmail: 'not-an-email',
      cors: { allowedOrigins: ['https://app.example/path'] },
      colour: 'blue',
    };
    const message = failureOf(() => parseTenantConfig(input, 'config/tenants/acme.json', 'acme'));
    expect(message).toMatch(/^Invalid tenant config config\/tenants\/acme\.json:/);
    for (const field of [
      'region',
      'auth.issuer',
      'auth.audiences',
      'orgCreation.operators',
      'logRetentionDays',
      'alarmEmail',
      'cors.allowedOrigins.0',
      'colour: unknown field',
    ]) {
      expect(message).toContain(`  - ${field}`);
    }
  });

  it('requires the account a tenant deploys into', () => {
    const { account: _account, ...withoutAccount } = validAcme;
    expect(failureOf(() => parseTenantConfig(withoutAccount, 'x.json'))).toContain('  - account:');
    expect(failureOf(() => parseTenantConfig({ ...validAcme, account: '1234' }, 'x.json'))).toContain(
      '  - account: must be a 12-digit AWS account id',
    );
  });

  it("takes push platform applications of the platform they name, in the tenant's region and account", () => {
    expect(validAcme.notifications.push).toEqual({
      apns: 'arn:aws:sns:eu-west-1:210987654321:app/APNS/acme-events',
      fcm: 'arn:aws:sns:eu-west-1:210987654321:app/GCM/acme-events',
    });
    const pushOf = (push: Record<string, string>) => ({ ...validAcme, notifications: { push } });
    expect(
      failureOf(() =>
        parseTenantConfig(pushOf({ apns: 'arn:aws:sns:eu-west-1:210987654321:app/GCM/acme' }), 'x.json'),
      ),
    ).toContain('  - notifications.push.apns: must be the ARN of an SNS platform application of APNS');
    expect(
      failureOf(() =>
        parseTenantConfig(pushOf({ fcm: 'arn:aws:sns:us-east-1:210987654321:app/GCM/acme' }), 'x.json'),
      ),
    ).toContain(
      "  - notifications.push.fcm: must be a platform application in the tenant's region and account",
    );
    expect(failureOf(() => parseTenantConfig(pushOf({ baidu: 'x' }), 'x.json'))).toContain(
      '  - notifications.push.baidu: unknown field',
    );
  });

  it('rejects reserved concurrency under what a consumer’s queues run at once, or above the account’s reservable share', () => {
    const starved = { ...validAcme, functions: { notifications: { reservedConcurrency: 1 } } };
    expect(failureOf(() => parseTenantConfig(starved, 'x.json'))).toContain(
      '  - functions.notifications.reservedConcurrency: must be at least 4, the maximum concurrency of the queues it consumes',
    );
    const unknown = { ...validAcme, functions: { billing: { reservedConcurrency: 5 } } };
    expect(failureOf(() => parseTenantConfig(unknown, 'x.json'))).toContain('  - functions.billing');
    const greedy = {
      ...validAcme,
      functions: { catalog: { reservedConcurrency: 500 }, orgs: { reservedConcurrency: 500 } },
    };
    expect(failureOf(() => parseTenantConfig(greedy, 'x.json'))).toContain(
      '  - functions: reserves 1000 in total; at most 900 may be reserved per account',
    );
  });

  it('rejects a route throttle that is not a positive rate', () => {
    const input = {
      ...validAcme,
      api: { ...validAcme.api, routeThrottles: { bookings: { rateLimit: 0 }, checkins: {} } },
    };
    const message = failureOf(() => parseTenantConfig(input, 'x.json'));
    expect(message).toContain('  - api.routeThrottles.bookings.rateLimit');
    expect(message).toContain('  - api.routeThrottles.checkins: unknown field');
  });

  it('requires tenantId to match the file name', () => {
    const dir = tenantsDirWith('initech.json', JSON.stringify({ ...validAcme }));
    expect(failureOf(() => loadTenantConfig('initech', dir))).toContain(
      'tenantId: must equal the file name "initech"',
    );
  });

  it('rejects operator subjects that would not survive the comma-joined OPERATOR_SUBS', () => {
    const input = { ...validAcme, orgCreation: { mode: 'operators', operators: ['a,b'] } };
    expect(failureOf(() => parseTenantConfig(input, 'x.json'))).toContain('orgCreation.operators.0');
  });
});

/** Runs bin/app.ts as the CDK CLI would, with `context` passed the way the CLI passes it. */
const runApp = async (context: Record<string, string>): Promise<{ code: number; stderr: string }> => {
  const env = {
    ...process.env,
    CDK_CONTEXT_JSON: JSON.stringify(context),
    CDK_OUTDIR: mkdtempSync(path.join(tmpdir(), 'evently-cdk-out-')),
  };
  try {
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bin/app.ts'], { cwd: projectRoot, env });
    return { code: 0, stderr: '' };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
};

// Concurrent: each run is a Node process loading aws-cdk-lib (about 2 s), and they are independent.
describe.concurrent('bin/app.ts', () => {
  it('fails with a clear message when the tenant context is missing', async () => {
    const run = await runApp({});
    expect(run).toEqual({ code: 1, stderr: expect.stringContaining('Missing CDK context "tenant"') });
  });

  it('fails when another tenant file of the directory shares its issuer and audience', async () => {
    const dir = tenantsDirWith('acme.json', JSON.stringify(validAcme));
    writeFileSync(path.join(dir, 'initech.json'), JSON.stringify({ ...validAcme, tenantId: 'initech' }));
    const run = await runApp({ tenant: 'acme', tenantsDir: dir });
    expect(run).toEqual({ code: 1, stderr: expect.stringContaining('initech: auth.audiences:') });
    expect(run.stderr).toContain("is also tenant acme's");
  });

  it('fails with a clear message naming the missing tenant file', async () => {
    const run = await runApp({ tenant: 'nobody' });
    expect(run).toEqual({
      code: 1,
      stderr: expect.stringMatching(/Tenant config not found: config\/tenants\/nobody\.json/),
    });
  });
});
