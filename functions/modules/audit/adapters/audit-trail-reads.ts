import type { EntityItem } from 'electrodb';
import { auditChains } from '../../../kernel/domain/audit.js';
import { badCursor, decodeCursor, encodeCursor, queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import type { AuditEntry, AuditTrailReads } from '../domain/audit-ports.js';
import type { auditRecordEntity } from './entities/audit-record.js';

type RecordItem = EntityItem<typeof auditRecordEntity>;

const toEntry = (r: RecordItem): AuditEntry => ({
  recordId: r.recordId,
  at: r.at,
  actor: { type: r.actorType, id: r.actorId, role: r.actorRole ?? null },
  action: r.action,
  requestId: r.requestId ?? null,
  target: { type: r.targetType, id: r.targetId },
  change: r.change,
  fields: r.fields,
  also: r.also,
  details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null,
  seq: r.seq ?? null,
});

export const dynamoAuditTrailReads = (service: EventlyService): AuditTrailReads => {
  const { auditRecord } = service.entities;
  return {
    async list(orgId, selector, page) {
      if (selector.by === 'target') {
        const { targetType, targetId } = selector;
        return queryPage(
          `audit:${orgId}:target:${targetType}:${targetId}`,
          page,
          (opts) =>
            auditRecord.query.byTarget({ orgId, targetType, targetId }).go({ ...opts, order: 'desc' }),
          toEntry,
        );
      }
      if (selector.by === 'actor') {
        const { actorId } = selector;
        return queryPage(
          `audit:${orgId}:actor:${actorId}`,
          page,
          (opts) => auditRecord.query.byActor({ orgId, actorId }).go({ ...opts, order: 'desc' }),
          toEntry,
        );
      }
      // A day's records are spread over its chains: each is read after the cursor and the
      // earliest `limit` of them answered, in time order.
      const { day } = selector;
      const list = `audit:${orgId}:day:${day}`;
      const after = decodeCursor(list, page.cursor);
      const [at, recordId] = after?.split('|') ?? [];
      if (after && (!at || !recordId)) throw badCursor();
      const reads = await Promise.all(
        Array.from({ length: auditChains }, (_, chain) => {
          const q = auditRecord.query.byDay({ orgId, day, chain: String(chain) });
          return (at && recordId ? q.gt({ at, recordId }) : q).go({ limit: page.limit + 1 });
        }),
      );
      const merged = reads
        .flatMap((r) => r.data)
        .sort((a, b) => a.at.localeCompare(b.at) || a.recordId.localeCompare(b.recordId));
      const items = merged.slice(0, page.limit);
      const last = items.at(-1);
      const more = merged.length > page.limit;
      return {
        items: items.map(toEntry),
        nextCursor: more && last ? encodeCursor(list, `${last.at}|${last.recordId}`) : null,
      };
    },
  };
};
