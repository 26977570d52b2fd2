import { App } from 'aws-cdk-lib';
import { defaultTenantsDir, loadTenantConfig, TenantConfigError } from '../lib/config/tenant-config.js';
import { loadTenantConfigs } from '../lib/config/tenant-set.js';
import { addComplianceChecks, addTenantStacks } from '../lib/tenant-app.js';

/**
 * `cdk synth -c tenant=<id>`: the only place that reads CDK context and the process environment.
 * Everything below receives plain values.
 */
const main = (): void => {
  const app = new App();
  const tenantId: unknown = app.node.tryGetContext('tenant');
  if (typeof tenantId !== 'string' || tenantId.length === 0) {
    throw new TenantConfigError(
      'Missing CDK context "tenant": run `cdk synth -c tenant=<id>` where config/tenants/<id>.json exists',
    );
  }
  // `-c tenantsDir=<dir>`: tenant files kept elsewhere than config/tenants (deploy-all passes it).
  const dirContext: unknown = app.node.tryGetContext('tenantsDir');
  const dir = typeof dirContext === 'string' && dirContext.length > 0 ? dirContext : defaultTenantsDir;
  const config = loadTenantConfig(tenantId, dir);
  // Every tenant file, so a tenant that would accept another's tokens fails its own synth.
  loadTenantConfigs(dir);
  addTenantStacks(app, config);
  addComplianceChecks(app);
  app.synth();
};

try {
  main();
} catch (error) {
  if (!(error instanceof TenantConfigError)) throw error;
  // A configuration mistake gets its message alone, not a stack trace that buries it.
  console.error(error.message);
  process.exit(1);
}
