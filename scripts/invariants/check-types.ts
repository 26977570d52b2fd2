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

/** The keys whose count in `counted` (a counter's) differs from `booked` (the bookings'), absent counting 0. */
export const countMismatches = (
  booked: ReadonlyMap<string, number>,
  counted: ReadonlyMap<string, number>,
): { id: string; booked: number; counted: number }[] =>
  [...new Set([...booked.keys(), ...counted.keys()])].flatMap((id) => {
    const b = booked.get(id) ?? 0;
    const c = counted.get(id) ?? 0;
    return b === c ? [] : [{ id, booked: b, counted: c }];
  });
