import type { TeamGrant } from '../../../kernel/domain/event-access.js';
import type { Role } from '../../../kernel/domain/roles.js';
import type { MemberStatus, OrgStatus } from '../../../kernel/domain/types.js';
import type { Booking } from '../../bookings/index.js';
import type { Event, Session } from '../../catalog/index.js';
import type { Admission, ScanRecord, TicketRef } from './model.js';

/**
 * The tenant's ticket key: an Ed25519 key pair that signs ticket codes (scanners verify them
 * offline with the public key) and a derivation key for each ticket's secret. Kept in the
 * tenant's Secrets Manager secret (locally a file under .data/); read by the tickets function only.
 */
export interface TicketKeyring {
  /** Names the key pair in codes' offline lists (a rotation changes it). */
  keyId: string;
  publicKeyPem: string;
  sign(data: Buffer): Buffer;
  verify(data: Buffer, signature: Buffer): boolean;
  /** The ticket's secret: derived from the tenant key whenever needed, never stored. */
  secretOf(ref: TicketRef): Buffer;
  /** HMAC-SHA256 of `data` with a key derived from the tenant key for `label` (one key per use). */
  mac(label: string, data: string): Buffer;
}

export interface TicketKeys {
  get(): Promise<TicketKeyring>;
}

/** One scan's writes: an admitting or exiting scan moves the ticket's admission with it. */
export interface ScanCommit {
  scan: ScanRecord;
  /** Absent for a refused scan (only the scan is recorded). */
  admission?: {
    /** The admission as read (undefined: the ticket never went in). */
    current: Admission | undefined;
    next: Admission;
    /** The booking must still be confirmed when the scan commits. */
    bookingId: string;
  };
}

/**
 * `done`; `scan_exists`: the nonce was used meanwhile (answer the stored scan); `moved`: the
 * admission changed since read (read again and decide again); `not_confirmed`: the booking is no
 * longer confirmed.
 */
export type ScanCommitResult = 'done' | 'scan_exists' | 'moved' | 'not_confirmed';

/** What one scan needs to know, read in one round trip. */
export interface ScanContextQuery {
  orgId: string;
  /** The caller: their membership, and their place on the team of the session's event, are part of the read. */
  userId: string;
  sessionId: string;
  nonce: string;
  /** The ticket a code names, when it names one of this session (and the attendee holding it). */
  ticket: { ref: TicketRef; bookingId: string; attendeeId: string | null } | null;
}

export interface ScanContext {
  org: { status: OrgStatus } | undefined;
  member: { role: Role; status: MemberStatus } | undefined;
  /** The caller's place on the team of the session's event (docs/teams.md). */
  place: TeamGrant | undefined;
  session: Session | undefined;
  event: Event | undefined;
  /** A scan already recorded under the nonce. */
  scan: ScanRecord | undefined;
  booking: Booking | undefined;
  admission: Admission | undefined;
  /** The attendee the code names, for the door's answer. */
  attendee: { attendeeId: string; name: string } | undefined;
}

export interface AdmissionStore {
  /**
   * Strongly consistent, in one round trip (the event and the caller's place on its team too once
   * its session's link is known).
   */
  scanContext(q: ScanContextQuery): Promise<ScanContext>;
  getScan(orgId: string, sessionId: string, nonce: string): Promise<ScanRecord | undefined>;
  getAdmission(ref: TicketRef): Promise<Admission | undefined>;
  commitScan(commit: ScanCommit): Promise<ScanCommitResult>;
}

/**
 * Cascade deletes of the door's records (functions/modules/deletions). Each call deletes at most
 * `limit` items and answers how many; fewer than `limit` means none are left, and a call that
 * dies half-way leaves the rest for the next one.
 */
export interface TicketRecordsPurge {
  /** A session's admissions, scan records, one-time codes and offline-scan conflicts. */
  purgeSessionRecords(orgId: string, sessionId: string, limit: number): Promise<number>;
  /** The organization's own records (check-in lists); its sessions' go with each session. */
  purgeOrganizationRecords(orgId: string, limit: number): Promise<number>;
}
