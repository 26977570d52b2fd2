import { auditChains } from '../../../kernel/domain/audit.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { type ChainProblem, verifyChain } from './audit-chain.js';

/** How long after its commit a record may still wait for the sealer before it counts as a problem. */
export const sealingGraceMs = 5 * 60_000;

/** Checks every chain of an organization's day against its records: the problems found, if any. */
export const verifyAuditDay = async (
  deps: Pick<Deps, 'auditChains'>,
  orgId: string,
  day: string,
  now: Date,
  graceMs = sealingGraceMs,
): Promise<ChainProblem[]> => {
  const sealedBy = new Date(now.getTime() - graceMs).toISOString();
  const found = await Promise.all(
    Array.from({ length: auditChains }, async (_, i) => {
      const ref = { orgId, day, chain: String(i) };
      const [records, head] = await Promise.all([deps.auditChains.records(ref), deps.auditChains.head(ref)]);
      return verifyChain(ref, records, head, sealedBy);
    }),
  );
  return found.flat();
};

/** One line per problem, naming the record. */
export const describeProblem = (p: ChainProblem): string =>
  `org=${p.chain.orgId} day=${p.chain.day} chain=${p.chain.chain} record=${p.recordId}: ${p.problem}: ${p.detail}`;

/**
 * The nightly check of an organization's previous day: every chain verified, the problems (if
 * any) reported to the alarm. Answers how many it found.
 */
export const checkAuditDay = async (
  deps: Pick<Deps, 'auditChains' | 'auditAlarm' | 'clock'>,
  orgId: string,
  day: string,
): Promise<number> => {
  const problems = await verifyAuditDay(deps, orgId, day, deps.clock.now());
  deps.auditAlarm.problemsFound(problems);
  return problems.length;
};
