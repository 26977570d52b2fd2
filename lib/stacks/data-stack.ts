import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, StreamViewType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { tableDefinition } from '../../functions/kernel/dynamo/table-definition.js';
import { MaterialsBucket } from '../constructs/materials-bucket.js';

const stringKey = (name: string) => ({ name, type: AttributeType.STRING });

/**
 * The tenant's single table and its materials bucket, in a stack of their own so the app stack can be replaced or destroyed
 * freely while the data stays. Keys and indexes come from the shared table definition.
 */
export interface DataStackProps extends StackProps {
  /** The browser origins that may use presigned URLs of the materials bucket. */
  allowedOrigins: readonly string[];
  materialsBucketName: string;
}

export class DataStack extends Stack {
  readonly table: Table;
  /** The files of events' materials (docs/materials.md): data, kept like the table. */
  readonly materials: MaterialsBucket;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    this.materials = new MaterialsBucket(this, 'Materials', {
      bucketName: props.materialsBucketName,
      allowedOrigins: props.allowedOrigins,
    });
    this.table = new Table(this, 'Table', {
      partitionKey: stringKey(tableDefinition.partitionKey),
      sortKey: stringKey(tableDefinition.sortKey),
      timeToLiveAttribute: tableDefinition.ttlAttribute,
      stream: StreamViewType[tableDefinition.streamViewType],
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // The AWS-managed key (aws/dynamodb): key use shows in CloudTrail, and functions in the account
      // need no extra KMS grants, which a customer-managed key would require for every reader.
      encryption: TableEncryption.AWS_MANAGED,
    });
    for (const index of tableDefinition.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: stringKey(index.partitionKey),
        sortKey: stringKey(index.sortKey),
      });
    }
  }
}
