import { readdirSync } from 'node:fs';
import {
  defaultTenantsDir,
  loadTenantConfig,
  maxReservedPerAccount,
  type TenantConfig,
  TenantConfigError,
} from './tenant-config.js';

/**
 * Rules across the tenant files, which no single file can break alone: API Gateway accepts any
 * token whose issuer and audience match, so two tenants sharing an issuer and an audience would
 * accept each other's users; and the functions of tenants sharing an account and region reserve
 * concurrency from one pool.
 */
export const checkTenantsApart = (configs: readonly TenantConfig[]): void => {
  const problems: string[] = [];
  const owners = new Map<string, string>();
  for (const config of configs) {
    // A tenant signing in by phone has a user pool of its own: an issuer nobody else has.
    const { auth } = config;
    if (auth.mode !== 'oidc') continue;
    for (const audience of auth.audiences) {
      const key = `${auth.issuer} ${audience}`;
      const owner = owners.get(key);
      if (owner && owner !== config.tenantId) {
        problems.push(
          `${config.tenantId}: auth.audiences: "${audience}" of issuer ${auth.issuer} is also ` +
            `tenant ${owner}'s: each tenant needs an issuer or audience of its own`,
        );
      }
      owners.set(key, config.tenantId);
    }
  }
  const reserved = new Map<string, { total: number; tenants: string[] }>();
  for (const config of configs) {
    const pool = `${config.account}/${config.region}`;
    const entry = reserved.get(pool) ?? { total: 0, tenants: [] };
    entry.total += Object.values(config.functions).reduce((sum, f) => sum + (f?.reservedConcurrency ?? 0), 0);
    entry.tenants.push(config.tenantId);
    reserved.set(pool, entry);
  }
  for (const [pool, { total, tenants }] of reserved) {
    if (total > maxReservedPerAccount) {
      problems.push(
        `${tenants.join(', ')}: functions: reserve ${total} in ${pool} together; ` +
          `at most ${maxReservedPerAccount} may be reserved per account and region`,
      );
    }
  }
  if (problems.length > 0) {
    throw new TenantConfigError(`Tenant configs conflict:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
};

/** The ids of every tenant file in the directory (`<id>.json`), sorted. */
export const tenantIdsIn = (dir: string = defaultTenantsDir): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();

/** Every tenant file of the directory, each validated, then checked against each other. */
export const loadTenantConfigs = (dir: string = defaultTenantsDir): TenantConfig[] => {
  const configs = tenantIdsIn(dir).map((id) => loadTenantConfig(id, dir));
  checkTenantsApart(configs);
  return configs;
};
