import type { Page, PageRequest } from '../../../kernel/domain/types.js';
import type { Admission, ScanRecord } from './model.js';

/** One move at the door as a scan recorded it: an entry (`admitted`) or an exit (`exited`). */
export type AdmissionMove = Pick<ScanRecord, 'gate' | 'scannedAt' | 'recordedAt'> & {
  ticketId: string;
  outcome: 'admitted' | 'exited';
};

/** What the admission reports read: a session's admissions and moves, and an attendee's admissions. */
export interface AdmissionReads {
  /** Every admission of the session: one per ticket that ever entered. */
  sessionAdmissions(orgId: string, sessionId: string): Promise<Admission[]>;
  /** Every entry and exit of the session (scans that moved a ticket; refused scans left out). */
  sessionMoves(orgId: string, sessionId: string): Promise<AdmissionMove[]>;
  /** A page of the session's tickets inside now, by ticket id. */
  listInside(orgId: string, sessionId: string, page: PageRequest): Promise<Page<Admission>>;
  /** A page of an attendee's admissions across sessions, the latest first entry first. */
  listByAttendee(orgId: string, attendeeId: string, page: PageRequest): Promise<Page<Admission>>;
  /**
   * The sessions an attendee's own tickets ever entered (an attendee's few admissions, not a
   * session's many; a party's booking names no attendee, so its tickets are not counted).
   */
  admittedSessions(orgId: string, attendeeId: string): Promise<string[]>;
  /** Whether any ticket of the session was ever admitted: the door checks people in there. */
  usesCheckin(orgId: string, sessionId: string): Promise<boolean>;
}
