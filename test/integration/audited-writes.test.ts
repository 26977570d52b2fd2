import { type DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { auditRecordItem } from '../../functions/kernel/audit/audit-item.js';
import { type AuditScope, withAuditScope, withoutAudit } from '../../functions/kernel/audit/audit-scope.js';
import { auditAttributes } from '../../functions/kernel/audit/own-record.js';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { createService, type EventlyService } from '../../functions/kernel/dynamo/service.js';
import { isConditionFailure } from '../../functions/kernel/dynamo/transactions.js';
import type { ChainedRecord } from '../../functions/modules/audit/domain/audit-chain.js';
import { sealAuditRecords } from '../../functions/modules/audit/domain/audit-sealing.js';
import { verifyAuditDay } from '../../functions/modules/audit/domain/audit-verification.js';
import { noManager } from '../../functions/modules/catalog/adapters/entities/venue.js';
import { freshContainer } from './fixtures.js';

/**
 * The audit writer on DynamoDB Local: inside a scope each write commits its record in its own
 * transaction (a single write becoming one), answers as it would have without it, and a failed
 * write leaves neither; the sealer links records into their chains.
 */

let c: Container & { tableName: string; documentClient: DynamoDBDocumentClient; service: EventlyService };
const orgId = 'org_audited00000000000000';

const scope = (requestId: string, once = false): AuditScope => ({
  actor: { type: 'user', id: 'auditor' },
  action: 'test',
  requestId,
  once,
});

const recordsOf = async (requestId: string) => {
  const { Items = [] } = await c.documentClient.send(
    new ScanCommand({
      TableName: c.tableName,
      ConsistentRead: true,
      FilterExpression: '#e = :e AND requestId = :r',
      ExpressionAttributeNames: { '#e': '__edb_e__' },
      ExpressionAttributeValues: { ':e': 'auditRecord', ':r': requestId },
    }),
  );
  return Items;
};

const venue = (venueId: string) => ({
  orgId,
  venueId,
  name: 'Hall',
  address: 'Street 1',
  city: 'Berlin',
  timezone: 'Europe/Berlin',
  rooms: [],
  managerId: noManager,
  deleting: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});

beforeAll(async () => {
  const container = await freshContainer();
  const documentClient = createDocumentClient({
    region: 'us-east-1',
    endpoint: process.env.DYNAMODB_ENDPOINT,
  });
  // Built last, so the shared entities write through this client to this table.
  const service = createService(documentClient, container.tableName);
  c = { ...container, documentClient, service };
});

describe('audited writes', () => {
  it('a create commits its record with it, naming the fields but not their values', async () => {
    await withAuditScope(scope('r-create'), () => c.service.entities.venue.create(venue('ven_a')).go());
    const [record, ...more] = await recordsOf('r-create');
    expect(more).toEqual([]);
    expect(record).toMatchObject({
      targetType: 'venue',
      targetId: 'ven_a',
      change: 'created',
      actorId: 'auditor',
    });
    expect(record?.fields).toEqual(expect.arrayContaining(['name', 'city']));
    expect(JSON.stringify(record)).not.toContain('Berlin');
  });

  it('a failed condition throws as it would have, and writes no record', async () => {
    const failure = await withAuditScope(scope('r-dup'), () =>
      c.service.entities.venue.create(venue('ven_a')).go(),
    ).catch((e: unknown) => e);
    expect(isConditionFailure(failure)).toBe(true);
    expect(await recordsOf('r-dup')).toEqual([]);
  });

  it('an update asked for its item still gets it; a delete and a batch delete record theirs', async () => {
    const { data } = await withAuditScope(scope('r-update'), () =>
      c.service.entities.venue
        .patch({ orgId, venueId: 'ven_a' })
        .set({ name: 'Renamed' })
        .go({ response: 'all_new' }),
    );
    expect(data).toMatchObject({ venueId: 'ven_a', name: 'Renamed', city: 'Berlin' });
    expect(await recordsOf('r-update')).toEqual([
      expect.objectContaining({ change: 'updated', fields: ['name'] }),
    ]);

    await c.service.entities.venue.create(venue('ven_b')).go();
    await c.service.entities.venue.create(venue('ven_c')).go();
    await withAuditScope(scope('r-batch'), () =>
      c.service.entities.venue
        .delete([
          { orgId, venueId: 'ven_b' },
          { orgId, venueId: 'ven_c' },
        ])
        .go(),
    );
    expect(await recordsOf('r-batch')).toEqual([
      expect.objectContaining({ change: 'deleted', targetType: 'venue', also: ['venue'] }),
    ]);
    const { data: left } = await c.service.entities.venue.query.byOrg({ orgId }).go();
    expect(left.map((v) => v.venueId)).toEqual(['ven_a']);
  });

  it('writes outside a scope, inside withoutAudit, or of bookkeeping only, write no record', async () => {
    await c.service.entities.venue.create(venue('ven_d')).go();
    await withAuditScope(scope('r-without'), () =>
      withoutAudit(() => c.service.entities.venue.create(venue('ven_e')).go()),
    );
    expect(await recordsOf('r-without')).toEqual([]);
    const { Items = [] } = await c.documentClient.send(
      new QueryCommand({
        TableName: c.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `${orgId}#audit#target#venue#ven_d` },
      }),
    );
    expect(Items).toEqual([]);
  });

  it('a request records one change: the commit touching its subject, not the steps around it', async () => {
    await withAuditScope({ ...scope('r-once', true), subject: 'ven_g' }, async () => {
      await c.service.entities.venue.create(venue('ven_f')).go();
      await c.service.entities.venue.create(venue('ven_g')).go();
      await c.service.entities.venue.patch({ orgId, venueId: 'ven_g' }).set({ name: 'Again' }).go();
    });
    expect(await recordsOf('r-once')).toEqual([
      expect.objectContaining({ targetId: 'ven_g', change: 'created' }),
    ]);
  });

  it('builds the record ElectroDB builds from the audit record entity', async () => {
    const item = auditRecordItem(
      scope('r-same'),
      {
        orgId,
        targetType: 'venue',
        targetId: 'ven_z',
        change: 'updated',
        fields: ['name'],
        also: [],
        details: '{}',
      },
      new Date('2026-03-01T10:00:00.000Z'),
      400,
    );
    const params = c.service.entities.auditRecord.create(auditAttributes(item) as never).params() as {
      Item: Record<string, unknown>;
    };
    expect(params.Item).toEqual(item);
  });

  it('the sealer links every record of a day into its chains; a second run changes nothing', async () => {
    const { Items = [] } = await c.documentClient.send(
      new ScanCommand({
        TableName: c.tableName,
        ConsistentRead: true,
        FilterExpression: '#e = :e',
        ExpressionAttributeNames: { '#e': '__edb_e__' },
        ExpressionAttributeValues: { ':e': 'auditRecord' },
      }),
    );
    const records = Items as unknown as ChainedRecord[];
    expect(await sealAuditRecords(c.deps, records)).toEqual([]);
    expect(await sealAuditRecords(c.deps, records)).toEqual([]);
    const days = [...new Set(records.map((r) => r.day))];
    for (const day of days) expect(await verifyAuditDay(c.deps, orgId, day, new Date())).toEqual([]);
    const seqs = (
      await Promise.all(
        ['0', '1', '2', '3'].map((chain) =>
          c.deps.auditChains.head({ orgId, day: days[0] as string, chain }),
        ),
      )
    ).map((h) => h?.seq ?? 0);
    expect(seqs.reduce((a, b) => a + b, 0)).toBe(records.filter((r) => r.day === days[0]).length);
  });
});
