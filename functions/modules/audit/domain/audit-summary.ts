import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { notFound } from '../../../kernel/domain/errors.js';
import type { Principal } from '../../../kernel/domain/types.js';

/**
 * Per organization and day, how many changes were audited, by kind (e.g. `booking.confirmed`) and
 * by actor (a user id, or the system job that made the change). The nightly run counts the day's
 * records session by session (tallies) and writes the sum once every session is counted.
 */

/** One audited change, as far as a summary counts it. */
export interface AuditFact {
  kind: string;
  actor: string;
}

export interface AuditTally {
  total: number;
  byKind: Record<string, number>;
  byActor: Record<string, number>;
  /** Per actor, their changes by kind (the seed's rows of user, action and count). */
  byActorAndKind: Record<string, Record<string, number>>;
}

export interface AuditSummary extends AuditTally {
  orgId: string;
  /** The UTC day counted (YYYY-MM-DD). */
  day: string;
  generatedAt: string;
}

export const emptyTally = (): AuditTally => ({ total: 0, byKind: {}, byActor: {}, byActorAndKind: {} });

const add = (into: Record<string, number>, key: string, n: number) => {
  into[key] = (into[key] ?? 0) + n;
};

const addPair = (tally: AuditTally, actor: string, kind: string, n: number) => {
  const kinds = tally.byActorAndKind[actor] ?? {};
  add(kinds, kind, n);
  tally.byActorAndKind[actor] = kinds;
};

export const tallyOf = (facts: readonly AuditFact[]): AuditTally => {
  const tally = emptyTally();
  for (const f of facts) {
    tally.total += 1;
    add(tally.byKind, f.kind, 1);
    add(tally.byActor, f.actor, 1);
    addPair(tally, f.actor, f.kind, 1);
  }
  return tally;
};

export const mergeTallies = (tallies: readonly AuditTally[]): AuditTally => {
  const sum = emptyTally();
  for (const t of tallies) {
    sum.total += t.total;
    for (const [k, n] of Object.entries(t.byKind)) add(sum.byKind, k, n);
    for (const [a, n] of Object.entries(t.byActor)) add(sum.byActor, a, n);
    for (const [a, kinds] of Object.entries(t.byActorAndKind))
      for (const [k, n] of Object.entries(kinds)) addPair(sum, a, k, n);
  }
  return sum;
};

export interface AuditSummaryStore {
  /** Writes the day's summary whole (a second write of the same day replaces it). */
  put(summary: AuditSummary): Promise<void>;
  get(orgId: string, day: string): Promise<AuditSummary | undefined>;
  /** Deletes up to `limit` summaries of an organization (its cascade delete); fewer means none are left. */
  purgeOrg(orgId: string, limit: number): Promise<number>;
}

/** A day's summary, for the organization's owners and admins. */
export const readAuditSummary = async (
  deps: Pick<Deps, 'auditSummaries'> & AccessDeps,
  principal: Principal,
  ref: { orgId: string; day: string },
): Promise<AuditSummary> => {
  await authorize(deps, ref.orgId, principal, 'audit.read');
  const summary = await deps.auditSummaries.get(ref.orgId, ref.day);
  if (!summary) throw notFound('audit summary');
  return summary;
};
