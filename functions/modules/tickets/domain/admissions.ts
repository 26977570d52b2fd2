import type { Deps } from '../../../kernel/domain/deps.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import type { Booking } from '../../bookings/index.js';
import { type AdmissionRow, admissionRows } from './admissions-export.js';
import { holderNames, type NameDeps, once } from './admissions-names.js';
import { type AdmissionSummary, summarize } from './admissions-summary.js';
import { authorizeForSession, type SessionAccessDeps } from './session-access.js';

/**
 * Who came to a session (staff with `admission.read`, or the event's team with `manage_attendees`):
 * its door figures, who is inside now, and one row per ticket for an export. Read from the
 * session's admissions and scans and its bookings.
 */

export interface SessionRef {
  orgId: string;
  sessionId: string;
}

/** The session, once the caller may read its admissions. */
const readableSession = (deps: SessionAccessDeps, principal: Principal, ref: SessionRef) =>
  authorizeForSession(deps, principal, ref.orgId, ref.sessionId, 'admission.read');

/** Bookings read a page after the other: the listing's largest page. */
const bookingPage = 100;

/** Every booking of the session, whatever its status. */
const sessionBookings = async (deps: Pick<Deps, 'bookings'>, { orgId, sessionId }: SessionRef) => {
  const all: Booking[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.bookings.listBySession(orgId, sessionId, { limit: bookingPage, cursor });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
};

export const admissionSummary = async (
  deps: Pick<Deps, 'admissionReads' | 'bookings' | 'clock'> & SessionAccessDeps,
  principal: Principal,
  ref: SessionRef,
): Promise<AdmissionSummary> => {
  const session = await readableSession(deps, principal, ref);
  const [bookings, admissions, moves] = await Promise.all([
    sessionBookings(deps, ref),
    deps.admissionReads.sessionAdmissions(ref.orgId, ref.sessionId),
    deps.admissionReads.sessionMoves(ref.orgId, ref.sessionId),
  ]);
  return summarize(
    { sessionId: ref.sessionId, startsAt: session.startsAt, bookings, admissions, moves },
    deps.clock.now(),
  );
};

export interface InsideNow {
  ticketId: string;
  bookingId: string;
  attendeeId: string | null;
  /** The attendee's name, or the party's for a party's booking. */
  name: string | null;
  /** When the ticket last went in, and where. */
  since: string;
  gate: string;
}

export const insideNow = async (
  deps: Pick<Deps, 'admissionReads' | 'bookings'> & NameDeps & SessionAccessDeps,
  principal: Principal,
  ref: SessionRef,
  page: PageRequest,
): Promise<Page<InsideNow>> => {
  await readableSession(deps, principal, ref);
  const inside = await deps.admissionReads.listInside(ref.orgId, ref.sessionId, page);
  const nameOf = holderNames(deps, ref.orgId);
  const bookings = new Map<string, Promise<Booking | undefined>>();
  const bookingOf = (bookingId: string) =>
    once(bookings, bookingId, () => deps.bookings.get({ ...ref, bookingId }));
  const items = await Promise.all(
    inside.items.map(async (a): Promise<InsideNow> => {
      // A party's booking names no attendee: its party comes from the booking.
      const holder = a.attendeeId
        ? { attendeeId: a.attendeeId, partyId: null }
        : ((await bookingOf(a.bookingId)) ?? { attendeeId: null, partyId: null });
      return {
        ticketId: a.ticketId,
        bookingId: a.bookingId,
        attendeeId: a.attendeeId,
        name: await nameOf(holder),
        since: a.at,
        gate: a.gate,
      };
    }),
  );
  return { items, nextCursor: inside.nextCursor };
};

/** One row per ticket of the session (admissions-export.ts says which). */
export const admissionExport = async (
  deps: Pick<Deps, 'admissionReads' | 'bookings'> & NameDeps & SessionAccessDeps,
  principal: Principal,
  ref: SessionRef,
): Promise<AdmissionRow[]> => {
  await readableSession(deps, principal, ref);
  const [bookings, admissions] = await Promise.all([
    sessionBookings(deps, ref),
    deps.admissionReads.sessionAdmissions(ref.orgId, ref.sessionId),
  ]);
  return admissionRows(bookings, admissions, holderNames(deps, ref.orgId));
};
