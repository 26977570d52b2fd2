import type { InvariantReport } from './check.js';
import { scanTable, type TableLocation } from './scan.js';
import { readSessions } from './session-read.js';
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
 * adds to the session), in the same transaction. So no such write fell between the counter's two
 * reads. If the first read met the seat after the counter, a write between that seat read and T
 * would lie between the counter's reads: none did, and the first read shows the seat as it was at
 * T. If the second read met the seat before the counter, the same holds of the stretch from T to
 * that read, and the second read shows it. The first read is a Scan, which visits partitions in
 * hash order, either way round; every re-read queries the seat (and slot) partitions before the
 * counter (and the entries): session-read.ts. So of any two reads compared, the second (a
 * re-read) meets seats before the counter, and every violation reported held at T. The converse
 * is not promised: a torn first read can hide a violation as well as invent one, and a session
 * that violates only in a later read is not followed; a complete audit wants a quiet table.
 *
 * The payments partition needs no place in that order. Orders and refund requests move their
 * `updatedAt` with every write (each is conditional on the one read), and a request only moves
 * forward (requested, then succeeded or failed). A payment transaction is only ever created: one
 * present in both reads existed before the first read's visit to it, so at T; one absent from both
 * did not exist at the second read's visit, so not at T (an organization's purge aside).
 *
 * Only the first read is a Scan: re-reads query the violating sessions' partitions (their keys
 * are known from the session), which takes milliseconds. A Scan of a busy table takes tens of
 * seconds, long enough for a session with a waiting line, where offers expire every minute, to
 * change between every two Scans and never be judged.
 */

export interface SettledCheckOptions {
  /** How long an outbox item may stay pending past its due time (default DEFAULT_OUTBOX_STUCK_AFTER_MS). */
  stuckAfterMs?: number;
  /** How long a paid order of a released booking may wait for its refund (default DEFAULT_REFUND_GRACE_MS). */
  refundGraceMs?: number;
  /** Give up re-reading sessions that keep changing after this long past the first read (default 30_000). */
  settleTimeoutMs?: number;
  /** Pause between re-reads (default 250). */
  pauseMs?: number;
  /** The clock the outbox and refund checks read, once before each read of the table (default: the system's). */
  now?: () => Date;
}

export interface SettledReport extends InvariantReport {
  /** Sessions that had violations but kept changing until the timeout: not reported as violations, named here. */
  unsettledSessions: { orgId: string; sessionId: string }[];
  /** How many reads it took: the scan of the table, then each re-read of the sessions still pending. */
  rounds: number;
}

/**
 * One scan on a table without violations; with some, re-reads of the violating sessions until
 * they settle. The counts (sessions, bookings, seat items) are the first scan's.
 */
export const checkInvariantsSettled = (
  location: TableLocation,
  options?: SettledCheckOptions,
): Promise<SettledReport> =>
  settleReads(
    (sessions) => (sessions ? readSessions(location, sessions) : scanTable(location, checkedEntities())),
    options,
  );
