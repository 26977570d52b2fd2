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

export type ConflictKind =
  /** Already inside: admitted earlier at another gate (or by another device offline). */
  | 'double_admission'
  /** The booking was cancelled, refunded or expired. */
  | 'entry_after_revocation'
  /** The booking is held, not paid. */
  | 'entry_unpaid'
  /** Not a valid ticket code of this organization (forged, altered, a copy of a rotating code...). */
  | 'invalid_code'
  /** A ticket of another session, or of a session the check-in list does not admit. */
  | 'wrong_session'
  /** Before the doors opened or after they closed. */
  | 'outside_window';

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
