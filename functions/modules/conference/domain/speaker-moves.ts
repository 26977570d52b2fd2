import type { Deps } from '../../../kernel/domain/deps.js';
import type { Session, SpeakerClash } from '../../catalog/index.js';
import { sessionsOf, speakersOf } from './event-reads.js';
import { firstClash } from './speaker-overlap.js';

/**
 * The catalog's schedule guard, answered from the agenda: would `next` (a session at a new time)
 * put one of its speakers in two sessions at once? Reads the event's agenda entries, then (only
 * when the session has speakers) its sessions and speakers.
 *
 * Not atomic with the move: an agenda change committed between this read and the move's write
 * (a speaker given a session the new time overlaps) is not seen, and an assignment whose check
 * read the old time passes it (docs/conference.md, "The agenda").
 */
export const speakerClashOfMove = async (
  deps: Pick<Deps, 'agenda' | 'sessions' | 'speakers'>,
  next: Session,
): Promise<SpeakerClash | undefined> => {
  const { orgId, eventId } = next;
  const entries = await deps.agenda.listByEvent(orgId, eventId);
  const entry = entries.find((e) => e.sessionId === next.sessionId);
  if (!entry || entry.speakerIds.length === 0) return undefined;
  const [sessions, speakers] = await Promise.all([
    sessionsOf(deps, orgId, eventId),
    speakersOf(deps, orgId, eventId),
  ]);
  return firstClash(entry, next, speakers, entries, sessions);
};
