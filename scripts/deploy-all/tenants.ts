import { existsSync } from 'node:fs';
import { loadTenantConfig, type TenantConfig, TenantConfigError } from '../../lib/config/tenant-config.js';
import { checkTenantsApart, tenantIdsIn } from '../../lib/config/tenant-set.js';

/**
 * Every tenant file of `dir`, each through the loader `cdk synth` uses, then the rules across
 * tenants, before anything is synthesized: one bad file stops the whole run, and the error lists
 * every bad file (not only the first) with its fields. Then the `selected` ids (all when empty).
 */
export const loadTenants = (dir: string, selected: readonly string[]): TenantConfig[] => {
  if (!existsSync(dir)) throw new TenantConfigError(`No tenants directory at ${dir}`);
  const ids = tenantIdsIn(dir);
  if (ids.length === 0) throw new TenantConfigError(`No tenant files (<id>.json) in ${dir}`);
  const problems: string[] = [];
  const configs = new Map<string, TenantConfig>();
  for (const id of ids) {
    try {
      configs.set(id, loadTenantConfig(id, dir));
    } catch (error) {
      if (!(error instanceof TenantConfigError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) throw new TenantConfigError(problems.join('\n'));
  checkTenantsApart([...configs.values()]);
  const unknown = selected.filter((id) => !configs.has(id));
  if (unknown.length > 0) {
    throw new TenantConfigError(`No tenant file for ${unknown.join(', ')} (tenants: ${ids.join(', ')})`);
  }
  return (selected.length > 0 ? [...new Set(selected)] : ids).map((id) => configs.get(id)!);
};
