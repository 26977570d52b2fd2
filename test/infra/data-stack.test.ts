import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { tableDefinition } from '../../functions/kernel/dynamo/table-definition.js';
import { resourcesOf, synthTenant, tenantConfig } from './support/synth.js';

const { data } = synthTenant(tenantConfig('acme'));
const tables = resourcesOf(data, 'AWS::DynamoDB::Table');
const table = tables[0]?.[1] as {
  Properties: Record<string, unknown>;
  DeletionPolicy: string;
  UpdateReplacePolicy: string;
};

describe('data stack', () => {
  it('holds exactly one table', () => {
    expect(tables).toHaveLength(1);
  });

  it('keys the table as the table definition says', () => {
    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
    ]);
  });

  it('has every index of the table definition, projecting all attributes', () => {
    const expected = tableDefinition.globalSecondaryIndexes.map((i) => ({
      IndexName: i.indexName,
      KeySchema: [
        { AttributeName: i.partitionKey, KeyType: 'HASH' },
        { AttributeName: i.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    }));
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(expected);
  });

  it('expires items by the TTL attribute, bills on demand and encrypts with the AWS-managed key', () => {
    data.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: tableDefinition.ttlAttribute, Enabled: true },
      BillingMode: 'PAY_PER_REQUEST',
      // SSE enabled without a key id: the AWS-managed aws/dynamodb key.
      SSESpecification: { SSEEnabled: true, KMSMasterKeyId: Match.absent() },
    });
  });

  it('survives mistakes: point-in-time recovery, deletion protection, retained on stack deletion', () => {
    data.hasResourceProperties('AWS::DynamoDB::Table', {
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
    });
    expect(table.DeletionPolicy).toBe('Retain');
    expect(table.UpdateReplacePolicy).toBe('Retain');
  });

  it('lets CDK name the table, so tenants never collide', () => {
    expect(table.Properties.TableName).toBeUndefined();
  });
});
