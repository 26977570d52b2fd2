import type { InvariantReport } from './check.js';
import { scanTable, type TableLocation } from './scan.js';
import { settleReads } from './settle.js';
import { checkedEntities } from './snapshot.js';

/**
 * The invariant check for a table that is still being written (the local runtime under load).
 *
 * A Scan reads items at different moments, so a transaction that commits while it runs can be
 * seen half (the counter after it, the booking before it): violations that never existed. So a
 * session that violates is read again until two reads in a row show its items identical (same
 * fingerprint: fingerprint.ts); only then are its violations, from the second of those reads,
 * reported. A session that stops violating was a torn read and is dropped; one that keeps changing
 * until the timeout is named in `unsettledSessions`, never reported as violating.
 *
 * Why two identical reads show a state that existed. Let T be the instant between them (the
 * clock the outbox check uses is read there). An item with an attribute that every write moves
 * forward (the counter's `version`, a booking's, session's or entry's `updatedAt`, an outbox
 * item's `attempts` and `handoffs`) was not written between its two reads, which enclose T: a
 * write and its undo cannot look alike. Seat items and waiting-line slots have no such attribute,
 * and a key absent from both reads may have existed in between (a seat held, then released). But
 * every write that creates, changes or deletes a seat item also moves its session's counter (one
 * on a slot moves its entry; a deleted session's purge aside, which only deletes, once nothing
 * adds to the session), so it falls outside the counter's two reads, which enclose T too;
 * both Scans read the seat on the same side of the counter (a Scan visits keys in the same order
 * each time), and the read on that side shows the seat as it was at T. So every violation
 * reported held at T. The converse is not promised: a torn first read can hide a violation as
 * well as invent one, and a session that violates only in a later read is not followed; a complete
 * audit wants a quiet table.
 *
 * Each round is a fresh consistent Scan rather than Queries of the violating sessions: tables
 * checked this way are local and small, a Scan finds a session's items in partitions the first
 * read had none in (its first seat item), and it keeps the key order the argument relies on.
 */

export interface SettledCheckOptions {
  /** How long an outbox item may stay pending past its due time (default DEFAULT_OUTBOX_STUCK_AFTER_MS). */
  stuckAfterMs?: number;
  /** Give up re-reading sessions that keep changing after this long (default 30_000). */
  settleTimeoutMs?: number;
  /** Pause between re-reads (default 250). */
  pauseMs?: number;
  /** The clock the outbox check reads, once before each read of the table (default: the system's). */
  now?: () => Date;
}

export interface SettledReport extends InvariantReport {
  /** Sessions that had violations but kept changing until the timeout: not reported as violations, named here. */
  unsettledSessions: { orgId: string; sessionId: string }[];
  /** How many reads of the table (first scan included) it took. */
  rounds: number;
}

/**
 * One scan on a table without violations, two on a quiet one with some, more while sessions
 * change. The counts (sessions, bookings, seat items) are the first scan's.
 */
export const checkInvariantsSettled = (
  location: TableLocation,
  options?: SettledCheckOptions,
): Promise<SettledReport> => settleReads(() => scanTable(location, checkedEntities()), options);
