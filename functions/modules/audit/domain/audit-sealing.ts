import type { Deps } from '../../../kernel/domain/deps.js';
import { type ChainedRecord, type ChainRef, genesisOf, linkAfter, sealingOrder } from './audit-chain.js';

/** Records linked by one transaction (the head takes the hundredth item). */
const perCommit = 99;
/** Sealers of one chain may collide; each retry re-reads the head. */
const attempts = 8;

const refOf = (r: ChainedRecord): ChainRef => ({ orgId: r.orgId, day: r.day, chain: r.chain });
const keyOf = (ref: ChainRef) => `${ref.orgId}|${ref.day}|${ref.chain}`;

/**
 * Links new audit records into their chains, grouped by chain, each group in order. Safe to run
 * twice and beside another sealer: a record already linked is left as it is, and a head that
 * moved meanwhile is read again. Returns the chains it could not seal (their records are retried).
 */
export const sealAuditRecords = async (
  deps: Pick<Deps, 'auditChains'>,
  records: readonly ChainedRecord[],
): Promise<ChainRef[]> => {
  const groups = new Map<string, ChainedRecord[]>();
  for (const r of records) groups.set(keyOf(refOf(r)), [...(groups.get(keyOf(refOf(r))) ?? []), r]);
  const failed: ChainRef[] = [];
  for (const group of groups.values()) {
    const ref = refOf(group[0] as ChainedRecord);
    if (!(await sealChain(deps, ref, sealingOrder(group)))) failed.push(ref);
  }
  return failed;
};

const sealChain = async (
  deps: Pick<Deps, 'auditChains'>,
  ref: ChainRef,
  records: ChainedRecord[],
): Promise<boolean> => {
  let pending = records;
  for (let attempt = 1; attempt <= attempts && pending.length > 0; attempt += 1) {
    if (attempt > 1) {
      const linked = await deps.auditChains.linked(pending);
      pending = pending.filter((r) => !linked.has(r.recordId));
      if (pending.length === 0) return true;
    }
    const head = await deps.auditChains.head(ref);
    const batch = pending.slice(0, perCommit);
    const { links, head: next } = linkAfter(head ?? genesisOf(ref), batch);
    if (await deps.auditChains.seal(ref, head, links, next)) {
      pending = pending.slice(batch.length);
      attempt = 0;
    }
  }
  return pending.length === 0;
};
