import type { TableLocation } from '../invariants/scan.js';
import { checkInvariantsSettled } from '../invariants/settled-check.js';
import type { SessionRef } from '../invariants/snapshot.js';
import { formatViolation } from '../invariants/violation.js';

/** The invariant checker over the table once both runs are done, its verdict told per session. */

export interface InvariantVerdict {
  ok: boolean;
  violations: number;
  examples: string[];
}

/** Long enough for the last writes to settle; the table is quiet by then. */
const settleTimeoutMs = 10_000;

export const checkSessions = async (
  local: TableLocation,
  sessions: readonly SessionRef[],
): Promise<InvariantVerdict[]> => {
  const report = await checkInvariantsSettled(local, { settleTimeoutMs });
  return sessions.map((ref) => {
    const violations = report.violations.filter(
      (v) => v.orgId === ref.orgId && v.sessionId === ref.sessionId,
    );
    return {
      ok: violations.length === 0,
      violations: violations.length,
      examples: violations.slice(0, 3).map(formatViolation),
    };
  });
};
