import type { Session, SpeakerClash } from '../../catalog/index.js';
import type { AgendaEntry, Speaker } from './model.js';

/**
 * The rule that a speaker is in one place at a time: checked when the agenda assigns speakers
 * (agenda.ts) and when the catalog moves a session in time (the schedule guard, speaker-moves.ts).
 */

type Timed = Pick<Session, 'sessionId' | 'startsAt' | 'endsAt'>;

const overlaps = (a: Timed, b: Timed) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;

/**
 * Another agenda entry in which `speakerId` speaks, whose session is live and overlaps `session`
 * (at the time given there, which may be a new one); undefined when there is none.
 */
export const overlappingEntry = (
  speakerId: string,
  session: Timed,
  entries: readonly AgendaEntry[],
  sessions: ReadonlyMap<string, Session>,
): AgendaEntry | undefined =>
  entries.find((other) => {
    if (other.sessionId === session.sessionId || !other.speakerIds.includes(speakerId)) return false;
    const otherSession = sessions.get(other.sessionId);
    return (
      otherSession !== undefined && otherSession.status !== 'cancelled' && overlaps(session, otherSession)
    );
  });

/**
 * The first speaker of `entry` (not cancelled) who would speak elsewhere while `session` runs,
 * with the session they would clash with.
 */
export const firstClash = (
  entry: AgendaEntry,
  session: Timed,
  speakers: readonly Speaker[],
  entries: readonly AgendaEntry[],
  sessions: ReadonlyMap<string, Session>,
): SpeakerClash | undefined => {
  const live = new Set(speakers.filter((s) => s.status !== 'cancelled').map((s) => s.speakerId));
  for (const speakerId of entry.speakerIds) {
    if (!live.has(speakerId)) continue;
    const clash = overlappingEntry(speakerId, session, entries, sessions);
    if (clash) return { speakerId, sessionId: clash.sessionId };
  }
  return undefined;
};
