import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { ServiceFunction } from './lambda-function.js';

/** GetSecretValue on this secret only (encrypted with the AWS-managed key, so no KMS grant). */
export const grantSecretRead = (fn: ServiceFunction, secret: ISecret): void => {
  fn.role.addToPolicy(
    new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }),
  );
};
