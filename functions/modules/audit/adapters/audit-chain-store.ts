import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { commitTransaction } from '../../../kernel/dynamo/transactions.js';
import type { ChainedRecord, SealedRecord } from '../domain/audit-chain.js';
import type { AuditChainStore } from '../domain/audit-ports.js';

const recordKey = (r: ChainedRecord) => ({
  orgId: r.orgId,
  targetType: r.targetType,
  targetId: r.targetId,
  at: r.at,
  recordId: r.recordId,
});

export const dynamoAuditChainStore = (service: EventlyService): AuditChainStore => {
  const { auditChain, auditRecord } = service.entities;
  return {
    async head(ref) {
      const { data } = await auditChain.get(ref).go({ consistent: true });
      return data ? { seq: data.seq, lastId: data.lastId, hash: data.hash } : undefined;
    },

    async seal(ref, expected, links, next) {
      const ttl = Math.max(...links.map((l) => l.record.ttl));
      const head = { ...ref, seq: next.seq, lastId: next.lastId, hash: next.hash, ttl };
      const { committed } = await commitTransaction(service, (tx) => [
        {
          label: 'head',
          write: expected
            ? tx.auditChain
                .put(head)
                .where(({ seq }, { eq }) => eq(seq, expected.seq))
                .commit()
            : tx.auditChain.create(head).commit(),
          fails: 'refused',
        },
        ...links.map(({ record, link }) => ({
          label: 'record',
          write: tx.auditRecord
            .patch(recordKey(record))
            .set(link)
            .where(({ seq }, { notExists }) => notExists(seq))
            .commit(),
          fails: 'refused' as const,
        })),
      ]);
      return committed;
    },

    async linked(records) {
      const found = new Set<string>();
      for (let i = 0; i < records.length; i += 100) {
        const { data } = await auditRecord
          .get(records.slice(i, i + 100).map(recordKey))
          .go({ consistent: true, attributes: ['recordId', 'seq'] });
        for (const r of data) if (r.seq !== undefined) found.add(r.recordId);
      }
      return found;
    },

    async records(ref) {
      const { data } = await auditRecord.query.byDay(ref).go({ pages: 'all' });
      return data.map((r): SealedRecord => {
        const { seq, prevId, prevHash, hash, ...rest } = r;
        const link =
          seq !== undefined && prevId !== undefined && prevHash !== undefined && hash !== undefined
            ? { seq, prevId, prevHash, hash }
            : undefined;
        return { ...rest, link };
      });
    },

    async chainsOf(orgId, day) {
      const { data } = await auditChain.query
        .byDay({ orgId, day })
        .go({ pages: 'all', attributes: ['chain'] });
      return data.map(({ chain }) => ({ orgId, day, chain }));
    },
  };
};
