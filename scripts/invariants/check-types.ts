import type { SessionSnapshot } from './snapshot.js';
import type { Violation } from './violation.js';

/**
 * One invariant over one session's items. Checks are small and independent: each returns every
 * violation it finds (never stops at the first), so one run lists all that is wrong.
 */
export interface SessionCheck {
  name: string;
  /** What must hold, in one line (printed by `--list` and in the summary). */
  rule: string;
  run(session: SessionSnapshot): Violation[];
}

export const violation = (
  check: string,
  s: Pick<SessionSnapshot, 'orgId' | 'sessionId'>,
  detail: string,
  at: { bookingId?: string; label?: string } = {},
): Violation => ({ check, orgId: s.orgId, sessionId: s.sessionId, ...at, detail });
