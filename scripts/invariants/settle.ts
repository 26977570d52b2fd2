import { setTimeout as pause } from 'node:timers/promises';
import { checkInvariants, defaultChecks, type InvariantReport } from './check.js';
import { sessionFingerprints } from './fingerprint.js';
import { DEFAULT_REFUND_GRACE_MS } from './money-checks.js';
import { DEFAULT_OUTBOX_STUCK_AFTER_MS } from './outbox-checks.js';
import type { SettledCheckOptions, SettledReport } from './settled-check.js';
import { type RawItem, type SessionRef, sessionKeyOf } from './snapshot.js';
import type { Violation } from './violation.js';

/**
 * The re-reading loop of `checkInvariantsSettled` (settled-check.ts says why it is sound), over
 * any way to read the table: tests pass one that writes between reads.
 */

/**
 * Without sessions, the whole table; with sessions, at least every checked item of those (items
 * of other sessions may come along and are ignored).
 */
export type ReadTable = (sessions?: readonly SessionRef[]) => Promise<RawItem[]>;

interface Round {
  report: InvariantReport;
  fingerprints: Map<string, string>;
}

/** A session still violating whose last read differed from the one before. */
interface Pending {
  ref: SessionRef;
  fingerprint: string | undefined;
}

interface Timing {
  stuckAfterMs: number;
  refundGraceMs: number;
}

const readRound = async (read: () => Promise<RawItem[]>, at: Date, timing: Timing): Promise<Round> => {
  const items = await read();
  return {
    report: checkInvariants(items, defaultChecks(at, timing.stuckAfterMs, timing.refundGraceMs)),
    fingerprints: sessionFingerprints(items),
  };
};

const bySession = (violations: readonly Violation[]): Map<string, Violation[]> => {
  const grouped = new Map<string, Violation[]>();
  for (const v of violations) {
    const key = sessionKeyOf(v);
    const sessionViolations = grouped.get(key);
    if (sessionViolations) sessionViolations.push(v);
    else grouped.set(key, [v]);
  }
  return grouped;
};

export const settleReads = async (
  read: ReadTable,
  {
    stuckAfterMs = DEFAULT_OUTBOX_STUCK_AFTER_MS,
    refundGraceMs = DEFAULT_REFUND_GRACE_MS,
    settleTimeoutMs = 30_000,
    pauseMs = 250,
    now = () => new Date(),
  }: SettledCheckOptions = {},
): Promise<SettledReport> => {
  // Each round reads the clock before the table: when a round confirms the one before, its clock
  // reading falls between the two reads, an instant at which the session was as both show it.
  const timing = { stuckAfterMs, refundGraceMs };
  const first = await readRound(() => read(), now(), timing);
  // The timeout bounds the re-reads: the first Scan of a big table may itself take longer.
  const started = performance.now();
  const violating = bySession(first.report.violations);
  let pending = new Map<string, Pending>(
    [...violating].map(([key, [v]]) => [
      key,
      { ref: { orgId: v!.orgId, sessionId: v!.sessionId }, fingerprint: first.fingerprints.get(key) },
    ]),
  );
  const settled = new Map<string, Violation[]>();
  let rounds = 1;
  // At least one re-read, so a zero timeout still confirms what a quiet table shows.
  while (pending.size > 0 && (rounds === 1 || performance.now() - started < settleTimeoutMs)) {
    await pause(pauseMs);
    const refs = [...pending.values()].map(({ ref }) => ref);
    const round = await readRound(() => read(refs), now(), timing);
    rounds += 1;
    const still = bySession(round.report.violations);
    const changed = new Map<string, Pending>();
    for (const [key, { ref, fingerprint }] of pending) {
      const violations = still.get(key);
      // No longer violating: the last read was torn, or someone repaired the session meanwhile.
      if (!violations) continue;
      const latest = round.fingerprints.get(key);
      if (latest === fingerprint) settled.set(key, violations);
      else changed.set(key, { ref, fingerprint: latest });
    }
    pending = changed;
  }
  // Reported in the first read's order, which is the one `checkInvariants` gives.
  const violations = [...violating.keys()].flatMap((key) => settled.get(key) ?? []);
  return {
    ...first.report,
    ok: violations.length === 0,
    violations,
    unsettledSessions: [...pending.values()].map(({ ref }) => ref),
    rounds,
  };
};
