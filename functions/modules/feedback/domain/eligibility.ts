import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError } from '../../../kernel/domain/errors.js';

/**
 * Who may give feedback: an attendee who was there. Where the door checks people in (a session
 * with any admission), only an admission counts; where it does not, a confirmed booking does.
 * Feedback on the event as a whole asks the same of any one of its sessions.
 */

export type EligibilityDeps = Pick<Deps, 'admissionReads' | 'bookings' | 'sessions'>;

const notEligible = (message: string, details: Record<string, unknown>) =>
  new DomainError('FEEDBACK_NOT_ELIGIBLE', message, details);

/** The sessions of `eventId` the attendee holds a confirmed booking of (their own bookings). */
const confirmedSessions = async (
  deps: Pick<Deps, 'bookings'>,
  orgId: string,
  eventId: string,
  attendeeId: string,
): Promise<Set<string>> => {
  const sessions = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await deps.bookings.listByHolder(orgId, attendeeId, { limit: 100, cursor });
    for (const b of page.items) {
      if (b.eventId === eventId && b.status === 'confirmed') sessions.add(b.sessionId);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return sessions;
};

/** Throws FEEDBACK_NOT_ELIGIBLE unless the attendee was at the session (or, null, at the event). */
export const assertMayGiveFeedback = async (
  deps: EligibilityDeps,
  ref: { orgId: string; eventId: string; sessionId: string | null },
  attendeeId: string,
): Promise<void> => {
  const { orgId, eventId, sessionId } = ref;
  const admitted = await deps.admissionReads.admittedSessions(orgId, attendeeId);
  if (sessionId !== null) {
    if (admitted.includes(sessionId)) return;
    if (await deps.admissionReads.usesCheckin(orgId, sessionId)) {
      throw notEligible('only attendees admitted to the session may give feedback on it', { sessionId });
    }
    const booked = await confirmedSessions(deps, orgId, eventId, attendeeId);
    if (booked.has(sessionId)) return;
    throw notEligible('only attendees with a confirmed booking of the session may give feedback on it', {
      sessionId,
    });
  }
  const admittedHere = await Promise.all(
    admitted.map(async (id) => (await deps.sessions.get(orgId, id))?.eventId === eventId),
  );
  if (admittedHere.some(Boolean)) return;
  const booked = [...(await confirmedSessions(deps, orgId, eventId, attendeeId))];
  const withoutCheckin = await Promise.all(
    booked.map(async (id) => !(await deps.admissionReads.usesCheckin(orgId, id))),
  );
  if (withoutCheckin.some(Boolean)) return;
  throw notEligible(
    'only attendees admitted to (or, without check-in, booked for) a session of the event may give feedback on it',
    {
      eventId,
    },
  );
};
