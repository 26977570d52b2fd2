import { Aws, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ServiceFunction } from './lambda-function.js';

/** The tenant's social accounts' tokens: one Secrets Manager secret each, named under this prefix. */
export const socialSecretPrefix = (tenantId: string): string => `evently/${tenantId}/social/`;

/**
 * Lets a function create, write, read and delete the secrets of social accounts' tokens
 * (docs/marketing.md): only under the tenant's prefix, whose names are made at run time.
 */
export const grantSocialTokens = (fn: ServiceFunction, tenantId: string): void => {
  const prefix = socialSecretPrefix(tenantId);
  const resource = `arn:${Aws.PARTITION}:secretsmanager:${Aws.REGION}:${Aws.ACCOUNT_ID}:secret:${prefix}*`;
  fn.role.addToPolicy(
    new PolicyStatement({
      actions: [
        'secretsmanager:CreateSecret',
        'secretsmanager:PutSecretValue',
        'secretsmanager:GetSecretValue',
        'secretsmanager:DeleteSecret',
      ],
      resources: [resource],
    }),
  );
  Validations.of(fn.role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:${prefix}*]`,
    reason:
      "The secrets of the tenant's social accounts' tokens, one per account, named at run time " +
      '(org id/account id) under the tenant prefix: only those.',
  });
};
