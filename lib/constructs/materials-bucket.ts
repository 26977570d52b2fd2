import { Aws, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { ServiceFunction } from './lambda-function.js';

/**
 * The bucket's name: fixed, so the app stack grants and names it without a cross-stack export;
 * globally unique by tenant and account (at most 56 characters of S3's 63).
 */
export const materialsBucketName = (tenantId: string, account: string): string =>
  `evently-${tenantId}-materials-${account}`;

export interface MaterialsBucketProps {
  bucketName: string;
  /** The browser origins of the tenant's apps (the API's CORS origins); none: any origin. */
  allowedOrigins: readonly string[];
}

/**
 * The tenant's bucket of event materials (docs/materials.md): private, encrypted, reached over TLS
 * only, versioned (a deleted or overwritten file stays recoverable for 30 days). Browsers upload
 * and download straight to and from it through presigned URLs, which its CORS rules allow; the
 * bytes never pass through a function.
 */
export class MaterialsBucket extends Construct {
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: MaterialsBucketProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      bucketName: props.bucketName,
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: true,
      // Files of events outlive a replaced app stack.
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          noncurrentVersionExpiration: Duration.days(30),
          expiredObjectDeleteMarker: true,
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      cors: [
        {
          // A presigned URL is the credential: the origin only decides which pages may use one.
          allowedOrigins: props.allowedOrigins.length > 0 ? [...props.allowedOrigins] : ['*'],
          allowedMethods: [HttpMethods.PUT, HttpMethods.GET, HttpMethods.HEAD],
          allowedHeaders: ['content-type', 'content-length'],
          exposedHeaders: ['ETag'],
          maxAge: 3000,
        },
      ],
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Each download is handed out by the catalog function after its access check, counted on the ' +
        "material and written to the function's log; server access logs would need a second bucket " +
        'and repeat that record.',
    });
  }
}

/**
 * What a function may do with the files: `readWrite` (the catalog: presign uploads and downloads,
 * read an object's size and type, delete one) or `delete` (the cascades: list an event's prefix and
 * delete what is there). Objects only, of the one bucket named; never its settings.
 */
export const grantMaterialFiles = (
  fn: ServiceFunction,
  bucketName: string,
  level: 'readWrite' | 'delete',
): void => {
  const bucketArn = `arn:${Aws.PARTITION}:s3:::${bucketName}`;
  const actions =
    level === 'readWrite' ? ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'] : ['s3:DeleteObject'];
  fn.role.addToPolicy(new PolicyStatement({ actions, resources: [`${bucketArn}/*`] }));
  fn.role.addToPolicy(new PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucketArn] }));
  Validations.of(fn.role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${bucketName}/*]`,
    reason:
      "The objects of the tenant's materials bucket, whose keys are made at run time " +
      '(org id/event id/material id): only object actions, on this one bucket.',
  });
};
