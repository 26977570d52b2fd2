import { App } from 'aws-cdk-lib';
import { loadTenantConfig, TenantConfigError } from '../lib/config/tenant-config.js';
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
  const config = loadTenantConfig(tenantId);
  // Every tenant file, so a tenant that would accept another's tokens fails its own synth.
  loadTenantConfigs();
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
