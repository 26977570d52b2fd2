import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  jwtOf,
  loadTenantConfig,
  type TenantConfig,
  TenantConfigError,
} from '../../lib/config/tenant-config.js';
import { checkTenantsApart, loadTenantConfigs, tenantIdsIn } from '../../lib/config/tenant-set.js';

const acme = loadTenantConfig('acme');
const globex = loadTenantConfig('globex');
/** acme's own OIDC provider (the checked-in tenants keep theirs). */
const acmeAuth = { mode: 'oidc' as const, ...jwtOf(acme), audiences: [...jwtOf(acme).audiences] };

const conflictOf = (configs: TenantConfig[]): string => {
  try {
    checkTenantsApart(configs);
  } catch (error) {
    expect(error).toBeInstanceOf(TenantConfigError);
    return (error as Error).message;
  }
  throw new Error('expected the tenant configs to conflict');
};

const tenantsDir = (configs: TenantConfig[]): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'evently-tenants-'));
  for (const c of configs) writeFileSync(path.join(dir, `${c.tenantId}.json`), JSON.stringify(c));
  return dir;
};

describe('tenant configs side by side', () => {
  it('accepts the checked-in tenants', () => {
    expect(loadTenantConfigs().map((c) => c.tenantId)).toEqual(['acme', 'globex']);
  });

  it('refuses two tenants sharing an issuer and an audience: each would accept the other’s tokens', () => {
    const initech = {
      ...globex,
      tenantId: 'initech',
      auth: { ...acmeAuth, audiences: ['initech-app', ...acmeAuth.audiences] },
    };
    const message = conflictOf([acme, initech]);
    expect(message).toContain(
      `initech: auth.audiences: "${acmeAuth.audiences[0]}" of issuer ${acmeAuth.issuer} is also tenant acme's`,
    );
    // Through the loader too: one bad pair stops every synth.
    expect(() => loadTenantConfigs(tenantsDir([acme, initech]))).toThrow(/is also tenant acme's/);
  });

  it('accepts one issuer with an audience per tenant', () => {
    const initech = {
      ...globex,
      tenantId: 'initech',
      auth: { ...acmeAuth, audiences: ['initech-app'] },
    };
    expect(() => checkTenantsApart([acme, initech])).not.toThrow();
  });

  it('refuses tenants of one account and region reserving more concurrency together than the account allows', () => {
    const heavy = (tenantId: string, issuer: string): TenantConfig => ({
      ...acme,
      tenantId,
      auth: { mode: 'oidc', issuer, audiences: ['app'] },
      functions: { catalog: { reservedConcurrency: 500 } },
    });
    const message = conflictOf([heavy('one', 'https://one.example'), heavy('two', 'https://two.example')]);
    expect(message).toContain(`one, two: functions: reserve 1000 in ${acme.account}/${acme.region} together`);
    // Another region is another pool.
    const elsewhere = { ...heavy('two', 'https://two.example'), region: 'us-east-1' };
    expect(() => checkTenantsApart([heavy('one', 'https://one.example'), elsewhere])).not.toThrow();
  });

  it('lists the tenant files of a directory by id', () => {
    expect(tenantIdsIn(tenantsDir([globex, acme]))).toEqual(['acme', 'globex']);
  });
});
