import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import type { ApiResponse, TestRuntime } from './local-runtime.js';

/** An audit record as stored (kernel/audit/audit-item.ts). */
export interface StoredAuditRecord {
  recordId: string;
  orgId: string;
  actorType: string;
  actorId: string;
  actorRole?: string;
  action: string;
  requestId: string;
  targetType: string;
  targetId: string;
  change: string;
  fields: string[];
  also: string[];
  details?: string;
  [name: string]: unknown;
}

const clients = new Map<string, DynamoDBDocumentClient>();
const clientOf = (endpoint: string) => {
  const known = clients.get(endpoint);
  if (known) return known;
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  clients.set(endpoint, client);
  return client;
};

/** The audit records the runtime's table holds that `filter` keeps (a scan: e2e tables are small). */
export const auditRecordsWhere = async (
  rt: TestRuntime,
  expression: string,
  values: Record<string, string>,
): Promise<StoredAuditRecord[]> => {
  const { tableName, dynamoEndpoint } = rt.runtime;
  const found: StoredAuditRecord[] = [];
  const pages = paginateScan(
    { client: clientOf(dynamoEndpoint) },
    {
      TableName: tableName,
      ConsistentRead: true,
      FilterExpression: `#e = :e AND (${expression})`,
      ExpressionAttributeNames: { '#e': '__edb_e__', ...namesOf(expression) },
      ExpressionAttributeValues: { ':e': 'auditRecord', ...values },
    },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) found.push(item as StoredAuditRecord);
  }
  return found;
};

const namesOf = (expression: string) =>
  Object.fromEntries([...expression.matchAll(/#(\w+)/g)].map(([alias, name]) => [alias, name as string]));

/** The records the request that answered `res` wrote (API Gateway's request id names them). */
export const auditRecordsOfResponse = (rt: TestRuntime, res: ApiResponse): Promise<StoredAuditRecord[]> =>
  auditRecordsWhere(rt, '#requestId = :r', { ':r': requestIdOf(res) });

/** Keys whose values are secrets: an audit record must never hold one of their values. */
const secretKey = /token|secret|password|otp|signature|code|email|phone/i;

/** The secret and personal values of a request and its answer (strings under such keys). */
export const sensitiveValues = (...bodies: unknown[]): string[] => {
  const out: string[] = [];
  const walk = (value: unknown, key: string) => {
    if (typeof value === 'string') {
      if (secretKey.test(key) && value.length >= 4) out.push(value);
      return;
    }
    if (Array.isArray(value)) for (const v of value) walk(v, key);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  for (const body of bodies) walk(body, '');
  return out;
};

/** The request id API Gateway gave the request that answered `res` (its audit records carry it). */
export const requestIdOf = (res: ApiResponse): string => {
  const requestId = res.headers.get('apigw-requestid');
  if (!requestId) throw new Error('the answer names no request id (apigw-requestid)');
  return requestId;
};

/** Every audit record of the runtime's table, by the request that wrote it: one scan for many answers. */
export const auditRecordsByRequest = async (rt: TestRuntime): Promise<Map<string, StoredAuditRecord[]>> => {
  const byRequest = new Map<string, StoredAuditRecord[]>();
  for (const record of await auditRecordsWhere(rt, 'attribute_exists(#requestId)', {})) {
    byRequest.set(record.requestId, [...(byRequest.get(record.requestId) ?? []), record]);
  }
  return byRequest;
};

/** The request that answered `res` wrote exactly one audit record, naming `actorId`. */
export const oneAuditRecordOf = async (rt: TestRuntime, res: ApiResponse, actorId: string) => {
  const records = await auditRecordsOfResponse(rt, res);
  if (records.length !== 1 || records[0]?.actorId !== actorId) {
    const found = records.map((r) => `${r.targetType}.${r.change} by ${r.actorId}`).join(', ');
    throw new Error(`expected one audit record by ${actorId}, found ${records.length}: ${found}`);
  }
  return records[0] as StoredAuditRecord;
};
