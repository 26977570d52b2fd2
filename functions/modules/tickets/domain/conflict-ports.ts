import type { Page, PageRequest } from '../../../kernel/domain/types.js';
import type { Booking } from '../../bookings/index.js';
import type { CheckinMethod, ScanOutcome } from './model.js';

/**
 * Conflicts of offline scans: a scanner without a connection let someone in, and the server,
 * when the scan reached it, did not admit (the ticket was already in through another gate, its
 * booking was cancelled, the code was not valid...). The server never admits twice: the record
 * tells staff what happened, for them to accept or reject. One record per scan (keyed by its
 * session and nonce), however often the scan is uploaded.
 */

/**
 * double_admission: already inside (admitted earlier at another gate, or by another device
 * offline); entry_after_revocation: the booking was cancelled, refunded or expired; entry_unpaid:
 * the booking is held; invalid_code: not a valid code of this organization (forged, altered, a
 * copy of a rotating code); wrong_session: a ticket of another session, or of one the list does
 * not admit; outside_window: before the doors opened or after they closed.
 */
export const conflictKinds = [
  'double_admission',
  'entry_after_revocation',
  'entry_unpaid',
  'invalid_code',
  'wrong_session',
  'outside_window',
] as const;
export type ConflictKind = (typeof conflictKinds)[number];

export type ConflictStatus = 'open' | 'resolved';
export type ConflictResolution = 'accepted' | 'rejected';

export interface CheckinConflict {
  conflictId: string;
  orgId: string;
  sessionId: string;
  ticketId: string | null;
  bookingId: string | null;
  kind: ConflictKind;
  /** The scan as the device made it offline (and let the person in). */
  offline: {
    deviceId: string | null;
    gate: string;
    scannedAt: string;
    nonce: string;
    method: CheckinMethod;
  };
  /** What the server knew when the scan reached it. */
  server: {
    outcome: ScanOutcome;
    /** For a double admission: the entry that came first. */
    admission: { at: string; gate: string } | null;
    /** The booking the ticket belongs to as it stood then; `changedAt`: its last change (a cancellation). */
    booking: { status: Booking['status']; paymentStatus: Booking['paymentStatus']; changedAt: string } | null;
  };
  status: ConflictStatus;
  resolution: ConflictResolution | null;
  note: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  createdAt: string;
}

export interface ConflictStore {
  /** Creates the conflict unless its scan made one already; answers the stored one. */
  createIfAbsent(conflict: CheckinConflict): Promise<CheckinConflict>;
  get(orgId: string, sessionId: string, nonce: string): Promise<CheckinConflict | undefined>;
  /** A session's conflicts in one status, oldest first. */
  listBySession(
    orgId: string,
    sessionId: string,
    status: ConflictStatus,
    page: PageRequest,
  ): Promise<Page<CheckinConflict>>;
  /** Writes the resolved conflict if it is still open; false when it no longer is. */
  resolve(resolved: CheckinConflict): Promise<boolean>;
}

/** Conflict ids name the scan they come from: `cfl_`, the session id's own part, `_`, the nonce. */
export const conflictIdPattern = /^cfl_([0-9a-z]{20})_([A-Za-z0-9_-]{8,64})$/;
