import type { EventlyService } from '../../../kernel/dynamo/service.js';
import type { AuditSummary, AuditSummaryStore } from '../domain/audit-summary.js';

const counts = (json: string): Record<string, number> => JSON.parse(json) as Record<string, number>;

export const dynamoAuditSummaryStore = (service: EventlyService): AuditSummaryStore => {
  const { auditSummary } = service.entities;
  return {
    async put(s: AuditSummary) {
      await auditSummary
        .put({
          orgId: s.orgId,
          day: s.day,
          total: s.total,
          byKind: JSON.stringify(s.byKind),
          byActor: JSON.stringify(s.byActor),
          byActorAndKind: JSON.stringify(s.byActorAndKind),
          generatedAt: s.generatedAt,
        })
        .go();
    },

    async get(orgId, day) {
      const { data } = await auditSummary.get({ orgId, day }).go();
      if (!data) return undefined;
      return {
        ...data,
        byKind: counts(data.byKind),
        byActor: counts(data.byActor),
        byActorAndKind: JSON.parse(data.byActorAndKind) as Record<string, Record<string, number>>,
      };
    },

    async purgeOrg(orgId, limit) {
      const { data } = await auditSummary.query.byOrg({ orgId }).go({ limit, attributes: ['orgId', 'day'] });
      if (data.length > 0) await auditSummary.delete(data).go();
      return data.length;
    },
  };
};
