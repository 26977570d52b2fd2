import type { AuditFact } from '../../audit/index.js';

/** The booking engine's audit records (each booking step's record), as the nightly summaries count them. */
export interface AuditRecords {
  /** The kind (`booking.<status it moved to>`) and actor of each step of the session's bookings on the UTC day `day`. */
  ofDay(orgId: string, sessionId: string, day: string): Promise<AuditFact[]>;
}
