import { createHash } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { auditChains } from '../domain/audit.js';
import { newId } from '../domain/ids.js';
import type { AuditScope } from './audit-scope.js';

/**
 * The audit record's item, built here by hand (the writer runs under every store, in the DynamoDB
 * client: it cannot reach a service's entities). It is exactly the item ElectroDB builds from
 * `auditRecordEntity` (modules/audit/adapters/entities/audit-record.ts), which
 * test/unit/audit-item.test.ts proves.
 */

export const auditRecordEntityName = 'auditRecord';
export const auditChainEntityName = 'auditChain';

/** What one commit changed, as its record tells it. */
export interface AuditChange {
  orgId: string;
  targetType: string;
  targetId: string;
  /** `written`: put whether or not the item was there. */
  change: 'created' | 'updated' | 'written' | 'deleted';
  /** Names of the target's attributes the commit wrote (never their values). */
  fields: string[];
  /** The kinds of the other items the commit changed. */
  also: string[];
  /** JSON facts the change's owner adds (a booking step's from, to and reason). */
  details?: string | undefined;
}

export const chainOf = (recordId: string): string =>
  String(createHash('sha1').update(recordId).digest().readUInt8(0) % auditChains);

export type AuditItem = Record<string, string | number | string[]>;

/** The record of `change`, committed at `now` in `scope`, kept `retentionDays`. */
export const auditRecordItem = (
  scope: AuditScope,
  change: AuditChange,
  now: Date,
  retentionDays: number,
): AuditItem => {
  const recordId = newId('aud');
  const at = now.toISOString();
  const day = at.slice(0, 10);
  const chain = chainOf(recordId);
  const { orgId, targetType, targetId } = change;
  return {
    pk: `${orgId}#audit#target#${targetType}#${targetId}`,
    sk: `${at}#${recordId}`,
    gsi2pk: `${orgId}#audit#day#${day}#${chain}`,
    gsi2sk: `${at}#${recordId}`,
    gsi3pk: `${orgId}#audit#actor#${scope.actor.id}`,
    gsi3sk: `${at}#${recordId}`,
    orgId,
    recordId,
    at,
    day,
    chain,
    actorType: scope.actor.type,
    actorId: scope.actor.id,
    ...(scope.actor.role ? { actorRole: scope.actor.role } : {}),
    action: scope.action,
    requestId: scope.requestId,
    targetType,
    targetId,
    change: change.change,
    fields: change.fields,
    also: change.also,
    ...(change.details ? { details: change.details } : {}),
    ttl: Math.floor(now.getTime() / 1000) + retentionDays * 86_400,
    __edb_e__: auditRecordEntityName,
    __edb_v__: '1',
  };
};

/** The wire form of an audit item (strings, numbers and lists of strings). */
export const toWire = (item: AuditItem): Record<string, AttributeValue> =>
  Object.fromEntries(
    Object.entries(item).map(([name, value]): [string, AttributeValue] => {
      if (typeof value === 'number') return [name, { N: String(value) }];
      if (Array.isArray(value)) return [name, { L: value.map((v) => ({ S: v })) }];
      return [name, { S: value }];
    }),
  );
