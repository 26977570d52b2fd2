/**
 * One broken invariant, located as precisely as the check can: every line names the org and the
 * session, and the booking and seat label when the check is about one.
 */
export interface Violation {
  /** The name of the check that found it (stable: scripts and alarms may match on it). */
  check: string;
  orgId: string;
  sessionId: string;
  bookingId?: string;
  label?: string;
  detail: string;
}

export const formatViolation = (v: Violation): string =>
  [
    `[${v.check}]`,
    `org=${v.orgId}`,
    `session=${v.sessionId}`,
    ...(v.bookingId ? [`booking=${v.bookingId}`] : []),
    ...(v.label ? [`label=${v.label}`] : []),
    `: ${v.detail}`,
  ].join(' ');
