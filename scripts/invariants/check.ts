import { admissionsOf, insideAfterCancel } from './admission-checks.js';
import { isLive } from './bookings.js';
import type { SessionCheck } from './check-types.js';
import { moneyChecks, sessionChecks } from './checks.js';
import { DEFAULT_REFUND_GRACE_MS, paidWithoutOrder } from './money-checks.js';
import { DEFAULT_OUTBOX_STUCK_AFTER_MS, outboxNotStuck } from './outbox-checks.js';
import { type RawItem, toSnapshot } from './snapshot.js';
import type { Violation } from './violation.js';

/** The checker's verdict over a set of table items: a pure function, so tests feed it hand-made items. */

export interface InvariantReport {
  ok: boolean;
  sessions: number;
  bookings: number;
  liveBookings: number;
  seatItems: number;
  paymentOrders: number;
  /** Confirmed bookings marked paid without a payment order (confirmed by staff): not checked, counted. */
  paidWithoutOrder: number;
  /** Admissions (tickets that entered), and those inside whose booking was cancelled after the entry: counted, not violations. */
  admissions: number;
  insideAfterCancel: number;
  checks: string[];
  violations: Violation[];
}

/**
 * The session checks, the outbox check as of `now` with the deployed sweep's timing, and the money
 * checks, which give a late payment's refund `refundGraceMs` to complete.
 */
export const defaultChecks = (
  now = new Date(),
  stuckAfterMs = DEFAULT_OUTBOX_STUCK_AFTER_MS,
  refundGraceMs = DEFAULT_REFUND_GRACE_MS,
): readonly SessionCheck[] => [
  ...sessionChecks,
  outboxNotStuck({ stuckAfterMs, now }),
  ...moneyChecks({ graceMs: refundGraceMs, now }),
];

export const checkInvariants = (
  items: Iterable<RawItem>,
  checks: readonly SessionCheck[] = defaultChecks(),
): InvariantReport => {
  const snapshot = toSnapshot(items);
  const violations = [
    ...snapshot.unreadable,
    ...snapshot.sessions.flatMap((s) => checks.flatMap((check) => check.run(s))),
  ];
  const bookings = snapshot.sessions.flatMap((s) => s.bookings);
  return {
    ok: violations.length === 0,
    sessions: snapshot.sessions.length,
    bookings: bookings.length,
    liveBookings: bookings.filter(isLive).length,
    seatItems: snapshot.sessions.reduce((n, s) => n + s.seats.length, 0),
    paymentOrders: snapshot.sessions.reduce((n, s) => n + (s.orders?.length ?? 0), 0),
    paidWithoutOrder: snapshot.sessions.reduce((n, s) => n + paidWithoutOrder(s), 0),
    admissions: snapshot.sessions.reduce((n, s) => n + admissionsOf(s), 0),
    insideAfterCancel: snapshot.sessions.reduce((n, s) => n + insideAfterCancel(s), 0),
    checks: checks.map((c) => c.name),
    violations,
  };
};
