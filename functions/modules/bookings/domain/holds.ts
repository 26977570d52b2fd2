import type { Deps } from '../../../kernel/domain/deps.js';
import { expireHold } from './bookings-changes.js';
import type { BookingRef } from './model.js';

/**
 * Hold expiry as the holds queue drives it: one schedule per hold, and a sweeper that catches
 * whatever a schedule missed (never created, deleted, or failed to deliver). Both go through
 * `expireHold`, which releases a hold only while it is still held and past its deadline, so a
 * schedule and the sweeper racing for the same hold have one effect.
 */

/** A schedule delivered before its hold's deadline (clock skew); thrown so SQS delivers it again. */
export class HoldNotDueError extends Error {
  constructor(readonly ref: BookingRef) {
    super(`hold ${ref.orgId}/${ref.sessionId}/${ref.bookingId} is not due yet`);
    this.name = 'HoldNotDueError';
  }
}

/**
 * An early message is not dropped: it fails, SQS redelivers it after the queue's visibility
 * timeout, and the hold is released then. Scheduler fires at or after `at()`, so this only covers
 * skew of seconds; a hold that somehow stays not-due past maxReceiveCount is still released by
 * the sweeper, and the message in the dead-letter queue raises the DLQ alarm.
 */
export const expireScheduledHold = async (
  deps: Pick<Deps, 'bookings' | 'events' | 'waitlist'>,
  ref: BookingRef,
  now: Date,
): Promise<'expired' | 'not-held'> => {
  const outcome = await expireHold(deps, ref, now);
  if (outcome === 'not-due') throw new HoldNotDueError(ref);
  return outcome;
};

/**
 * A hold's reminder schedule fired: while the hold still runs, its holder gets one "about to
 * expire" notification (a redelivered message finds it written). A hold that ended meanwhile
 * gets nothing. The table's stream relays the notification (modules/notifications).
 */
export const remindHold = async (
  deps: Pick<Deps, 'bookings'>,
  ref: BookingRef,
  now: Date,
): Promise<'reminded' | 'already-reminded' | 'not-held'> => {
  const booking = await deps.bookings.get(ref);
  if (booking?.status !== 'held' || !booking.holdExpiresAt) return 'not-held';
  if (Date.parse(booking.holdExpiresAt) <= now.getTime()) return 'not-held';
  const written = await deps.bookings.recordHoldReminder(booking);
  return written ? 'reminded' : 'already-reminded';
};

export interface SweepOptions {
  /** Holds read per page. */
  pageSize: number;
  /** Pages per sweep; whatever remains waits for the next one (a minute later). */
  maxPages: number;
  /** False once the sweep should stop taking holds (its function's deadline is near). */
  hasTime?: () => boolean;
}

export const defaultSweepOptions: SweepOptions = { pageSize: 25, maxPages: 20 };

export interface SweepResult {
  /** Due holds found. */
  found: number;
  /** Of those, released by this sweep (the rest ended otherwise meanwhile). */
  expired: number;
}

/**
 * Releases every hold past its deadline, across organizations, a page at a time. Released holds
 * leave the due list, so each page reads the next ones; a short page means none are left.
 */
export const sweepDueHolds = async (
  deps: Pick<Deps, 'bookings' | 'events' | 'waitlist'>,
  now: Date,
  options: SweepOptions = defaultSweepOptions,
): Promise<SweepResult> => {
  const result: SweepResult = { found: 0, expired: 0 };
  const hasTime = options.hasTime ?? (() => true);
  for (let page = 0; page < options.maxPages && hasTime(); page++) {
    const due = await deps.bookings.listDueHolds(now.toISOString(), options.pageSize);
    result.found += due.length;
    for (const ref of due) {
      if (!hasTime()) return result;
      const { orgId, sessionId, bookingId } = ref;
      if ((await expireHold(deps, { orgId, sessionId, bookingId }, now)) === 'expired') result.expired += 1;
    }
    if (due.length < options.pageSize) break;
  }
  return result;
};
