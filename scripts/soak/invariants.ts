import type { InvariantReport } from '../invariants/check.js';
import type { TableLocation } from '../invariants/scan.js';
import { checkInvariantsSettled } from '../invariants/settled-check.js';
import { formatViolation } from '../invariants/violation.js';

/**
 * The invariant checker after the drain. The table is still being written then (expiring holds
 * and offers move on by themselves), so the settled check is used: a session that violates is
 * read again until two reads agree, and one that keeps changing is named, not reported.
 */

/** Pending items older than this past their due time count as stuck (the deployed sweep's 90 s). */
export const stuckAfterMs = 90_000;
/**
 * Expiring offers keep a session with a line changing about once a minute, and a re-read of one
 * session takes milliseconds: a minute of re-reads finds each such session between two changes.
 */
const settleTimeoutMs = 60_000;

export interface InvariantFigures {
  violations: number;
  byCheck: Record<string, number>;
  /** The first few, formatted, for the reader. */
  examples: string[];
  bookings: number;
  /** Sessions with violations that kept changing until the checker gave up. */
  unsettledSessions: number;
  /** Reads of the table the checker needed. */
  rounds: number;
}

const countByCheck = (report: InvariantReport): Record<string, number> => {
  const byCheck: Record<string, number> = {};
  for (const v of report.violations) byCheck[v.check] = (byCheck[v.check] ?? 0) + 1;
  return byCheck;
};

export const checkSoakInvariants = async (location: TableLocation): Promise<InvariantFigures> => {
  const report = await checkInvariantsSettled(location, { stuckAfterMs, settleTimeoutMs });
  return {
    violations: report.violations.length,
    byCheck: countByCheck(report),
    examples: report.violations.slice(0, 5).map(formatViolation),
    bookings: report.bookings,
    unsettledSessions: report.unsettledSessions.length,
    rounds: report.rounds,
  };
};
