import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { notFound } from '../../../kernel/domain/errors.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import type { Admission } from './model.js';

/**
 * An attendee's attendance across sessions: one record per ticket of theirs that entered, the
 * latest first entry first. Tickets of a party's booking are the party's, not any member's, so
 * they are not listed under an attendee.
 */

export interface AttendanceRecord {
  sessionId: string;
  ticketId: string;
  bookingId: string;
  firstEntryAt: string;
  entries: number;
  /** Where the ticket stands now (or stood when the session ended). */
  state: Admission['state'];
  lastMoveAt: string;
  gate: string;
}

const recordOf = (a: Admission): AttendanceRecord => ({
  sessionId: a.sessionId,
  ticketId: a.ticketId,
  bookingId: a.bookingId,
  firstEntryAt: a.firstEntryAt,
  entries: a.entries,
  state: a.state,
  lastMoveAt: a.at,
  gate: a.gate,
});

export const attendeeAttendance = async (
  deps: Pick<Deps, 'admissionReads' | 'attendees'> & AccessDeps,
  principal: Principal,
  ref: { orgId: string; attendeeId: string },
  page: PageRequest,
): Promise<Page<AttendanceRecord>> => {
  await authorize(deps, ref.orgId, principal, 'admission.read');
  if (!(await deps.attendees.get(ref.orgId, ref.attendeeId))) throw notFound('attendee');
  const admissions = await deps.admissionReads.listByAttendee(ref.orgId, ref.attendeeId, page);
  return { items: admissions.items.map(recordOf), nextCursor: admissions.nextCursor };
};
