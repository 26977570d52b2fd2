import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError } from '../../../kernel/domain/errors.js';

/**
 * Who may give feedback: an attendee who was there. Where the door checks people in (a session
 * with any admission), only an admission counts; where it does not, a confirmed booking does.
 * Feedback on the event as a whole asks the same of any one of its sessions. A booking of the
 * attendee's party counts as theirs where nobody is checked in; at the door a party's tickets name
 * no attendee, so there only the attendee's own admissions count.
 */

export type EligibilityDeps = Pick<Deps, 'admissionReads' | 'bookings' | 'sessions'>;

const notEligible = (message: string, details: Record<string, unknown>) =>
  new DomainError('FEEDBACK_NOT_ELIGIBLE', message, details);

/** Who gives the feedback: the attendee, and the party they belong to (null: none). */
export interface Giver {
  attendeeId: string;
  partyId: string | null;
}

/** The sessions of `eventId` the giver holds a confirmed booking of (their own, or their party's). */
const confirmedSessions = async (
  deps: Pick<Deps, 'bookings'>,
  orgId: string,
  eventId: string,
  giver: Giver,
): Promise<Set<string>> => {
  const sessions = new Set<string>();
  const holders = giver.partyId === null ? [giver.attendeeId] : [giver.attendeeId, giver.partyId];
  for (const holderId of holders) {
    let cursor: string | undefined;
    do {
      const page = await deps.bookings.listByHolder(orgId, holderId, { limit: 100, cursor });
      for (const b of page.items) {
        if (b.eventId === eventId && b.status === 'confirmed') sessions.add(b.sessionId);
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return sessions;
};

/** Throws FEEDBACK_NOT_ELIGIBLE unless the attendee was at the session (or, null, at the event). */
export const assertMayGiveFeedback = async (
  deps: EligibilityDeps,
  ref: { orgId: string; eventId: string; sessionId: string | null },
  giver: Giver,
): Promise<void> => {
  const { orgId, eventId, sessionId } = ref;
  const admitted = await deps.admissionReads.admittedSessions(orgId, giver.attendeeId);
  if (sessionId !== null) {
    if (admitted.includes(sessionId)) return;
    if (await deps.admissionReads.usesCheckin(orgId, sessionId)) {
      throw notEligible('only attendees admitted to the session may give feedback on it', { sessionId });
    }
    const booked = await confirmedSessions(deps, orgId, eventId, giver);
    if (booked.has(sessionId)) return;
    throw notEligible('only attendees with a confirmed booking of the session may give feedback on it', {
      sessionId,
    });
  }
  const admittedHere = await Promise.all(
    admitted.map(async (id) => (await deps.sessions.get(orgId, id))?.eventId === eventId),
  );
  if (admittedHere.some(Boolean)) return;
  const booked = [...(await confirmedSessions(deps, orgId, eventId, giver))];
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
