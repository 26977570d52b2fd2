import { readEnv } from '../env.js';
import { type AuditChange, type AuditItem, auditRecordItem } from './audit-item.js';
import { type AuditActor, recordingScope } from './audit-scope.js';
import { keyAttributes } from './write-facts.js';

/**
 * The audit record a store writes itself, in its own transaction, when the record carries facts
 * only the store knows (a booking step's from, to and reason): in the scope of the request or job
 * that runs, or else as `actor` (a store used outside any, from a script or a test).
 */
export const ownAuditRecord = (change: AuditChange, at: Date, actor: AuditActor, action: string): AuditItem =>
  auditRecordItem(
    recordingScope() ?? { actor, action, requestId: 'none', once: false },
    change,
    at,
    readEnv().AUDIT_RETENTION_DAYS,
  );

/** The record's attributes without its keys: what an ElectroDB `create` of it takes. */
export const auditAttributes = (item: AuditItem) =>
  Object.fromEntries(Object.entries(item).filter(([name]) => !keyAttributes.has(name)));
