import { type Environment, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { Construct } from 'constructs';
import type { TenantConfig } from './config/tenant-config.js';
import { materialsBucketName } from './constructs/materials-bucket.js';
import { AppStack } from './stacks/app-stack.js';
import { DataStack } from './stacks/data-stack.js';

/** Stack names carry the tenant id, so every CDK-generated physical name does too. */
export const tenantStackNames = (tenantId: string) => ({
  data: `evently-${tenantId}-data`,
  app: `evently-${tenantId}-app`,
});

export interface TenantStacks {
  data: DataStack;
  app: AppStack;
}

/** One tenant's stack set, in the account and region its file names. */
export const addTenantStacks = (scope: Construct, config: TenantConfig): TenantStacks => {
  const env: Environment = { account: config.account, region: config.region };
  const names = tenantStackNames(config.tenantId);
  const materialsBucket = materialsBucketName(config.tenantId, config.account);
  const data = new DataStack(scope, names.data, {
    env,
    stackName: names.data,
    description: `Evently data (${config.tenantId}): the single DynamoDB table and the materials bucket`,
    allowedOrigins: config.cors.allowedOrigins,
    materialsBucketName: materialsBucket,
  });
  const app = new AppStack(scope, names.app, {
    env,
    stackName: names.app,
    description: `Evently application (${config.tenantId}): HTTP API, functions, queues, schedules`,
    config,
    table: data.table,
    materialsBucketName: materialsBucket,
  });
  for (const stack of [data, app]) {
    Tags.of(stack).add('evently:tenant', config.tenantId);
    for (const [key, value] of Object.entries(config.tags)) Tags.of(stack).add(key, value);
  }
  return { data, app };
};

/**
 * cdk-nag's AwsSolutions and Serverless rules as synthesis validation plugins: unacknowledged
 * errors fail synth, warnings are printed (and written to the cloud assembly's validation report).
 */
export const addComplianceChecks = (scope: Construct): void => {
  Validations.of(scope).addPlugins(new AwsSolutionsChecks(scope), new ServerlessChecks(scope));
};
