import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { createService } from '../../functions/kernel/dynamo/service.js';
import { dynamoAuditChainStore } from '../../functions/modules/audit/adapters/audit-chain-store.js';
import type { ChainProblem } from '../../functions/modules/audit/domain/audit-chain.js';
import { verifyAuditDay } from '../../functions/modules/audit/domain/audit-verification.js';

export interface TableLocation {
  tableName: string;
  endpoint: string;
}

export interface AuditVerification {
  days: number;
  records: number;
  problems: ChainProblem[];
}

/**
 * Checks the hash chains of every organization and day the table holds audit records or chain
 * heads for (a scan: a check for operators, not a request path).
 */
export const verifyAuditTable = async (
  location: TableLocation,
  options: { now?: Date; graceMs?: number } = {},
): Promise<AuditVerification> => {
  const client = createDocumentClient({ region: 'us-east-1', endpoint: location.endpoint });
  const service = createService(client, location.tableName);
  const store = dynamoAuditChainStore(service);
  const days = new Map<string, { orgId: string; day: string }>();
  let records = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: location.tableName,
        ConsistentRead: true,
        FilterExpression: '#e IN (:record, :chain)',
        ProjectionExpression: '#e, orgId, #day',
        ExpressionAttributeNames: { '#e': '__edb_e__', '#day': 'day' },
        ExpressionAttributeValues: { ':record': 'auditRecord', ':chain': 'auditChain' },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      if (item.__edb_e__ === 'auditRecord') records += 1;
      const orgId = String(item.orgId);
      const day = String(item.day);
      days.set(`${orgId}|${day}`, { orgId, day });
    }
    start = page.LastEvaluatedKey;
  } while (start);
  const problems: ChainProblem[] = [];
  const now = options.now ?? new Date();
  for (const { orgId, day } of days.values())
    problems.push(...(await verifyAuditDay({ auditChains: store }, orgId, day, now, options.graceMs)));
  return { days: days.size, records, problems };
};
