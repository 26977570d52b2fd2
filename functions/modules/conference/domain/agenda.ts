import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound, transitionRefused, validationFailed } from '../../../kernel/domain/errors.js';
import { authorizeForEvent, type EventAccessDeps } from '../../../kernel/domain/event-access.js';
import { nextStamp } from '../../../kernel/domain/stamps.js';
import { formatLocalDate, utcToLocal } from '../../../kernel/domain/time/zoned.js';
import type { Principal } from '../../../kernel/domain/types.js';
import { changeRegistrationDeadline, eventForChange, type Session } from '../../catalog/index.js';
import { sessionsOf, speakersOf } from './event-reads.js';
import {
  type AgendaEntry,
  type AgendaLevel,
  type AgendaSessionType,
  type AgendaStatus,
  agendaMoves,
  type Speaker,
} from './model.js';
import { overlappingEntry } from './speaker-overlap.js';

/**
 * The agenda: what each session of an event is about and who speaks. An entry belongs to one
 * session; the session's time, room and cancellation are read from the catalog each time, so a
 * moved or cancelled session shows where and as it is.
 */

export interface AgendaInput {
  title: string;
  description?: string | null | undefined;
  type: AgendaSessionType;
  level?: AgendaLevel | null | undefined;
  speakerIds?: string[] | undefined;
  tags?: string[] | undefined;
  registrationRequired?: boolean | undefined;
  registrationDeadline?: string | null | undefined;
  recordingUrl?: string | null | undefined;
  chatEnabled?: boolean | undefined;
}

/** An agenda entry with its session's schedule and its speakers, as every reader sees it. */
export interface AgendaItem {
  entry: AgendaEntry;
  session: Pick<
    Session,
    'sessionId' | 'roomId' | 'venueId' | 'startsAt' | 'endsAt' | 'timezone' | 'registrationDeadline'
  >;
  /** The entry's status, or `cancelled` when the catalog cancelled the session. */
  status: AgendaStatus | 'cancelled';
  /** The session's day in the venue's time zone (YYYY-MM-DD). */
  day: string;
  speakers: Speaker[];
}

/** The catalog's ports (bookings, venues) are those a change of the session's deadline takes. */
type AgendaWriteDeps = Pick<
  Deps,
  'agenda' | 'bookings' | 'clock' | 'events' | 'sessions' | 'speakers' | 'venues'
> &
  EventAccessDeps;

/** Rounds of check-and-write before speakers that keep changing answer CONFLICT. */
const attempts = 3;

/**
 * The speakers the entry names, checked: each a speaker of this event, not cancelled, and in no
 * other live session of the event that overlaps this one (SPEAKER_DOUBLE_BOOKED names both).
 */
const checkSpeakers = (
  entry: AgendaEntry,
  session: Session,
  speakers: readonly Speaker[],
  entries: readonly AgendaEntry[],
  sessions: ReadonlyMap<string, Session>,
): Speaker[] => {
  const byId = new Map(speakers.map((s) => [s.speakerId, s]));
  return entry.speakerIds.map((speakerId, i) => {
    const speaker = byId.get(speakerId);
    if (!speaker || speaker.status === 'cancelled')
      throw validationFailed([
        { field: `speakerIds.${i}`, message: 'no such speaker of this event, or cancelled' },
      ]);
    const clash = overlappingEntry(speakerId, session, entries, sessions);
    if (clash)
      throw new DomainError('SPEAKER_DOUBLE_BOOKED', `the speaker already speaks in an overlapping session`, {
        speakerId,
        sessionId: clash.sessionId,
      });
    return speaker;
  });
};

const sessionOfEvent = (sessions: ReadonlyMap<string, Session>, sessionId: string): Session => {
  const session = sessions.get(sessionId);
  if (!session) throw notFound('session');
  return session;
};

/**
 * Creates or replaces the agenda entry of a session (its status and creation are kept). The
 * registration deadline is the session's (bookings read it there): one given here is written
 * through to the catalog's session, after the speakers passed their check and before the entry
 * is written; left out, the session's stays as it is.
 */
export const setAgendaEntry = async (
  deps: AgendaWriteDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  sessionId: string,
  input: AgendaInput,
): Promise<AgendaItem> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'session.manage');
  await eventForChange(deps, orgId, eventId);
  const deadline = input.registrationDeadline;
  if (deadline != null && !input.registrationRequired)
    throw validationFailed([
      { field: 'registrationDeadline', message: 'only a session that requires registration has a deadline' },
    ]);
  let deadlineWritten: Session | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const [sessions, speakers] = await Promise.all([
      sessionsOf(deps, orgId, eventId),
      speakersOf(deps, orgId, eventId),
    ]);
    // The entries strictly after the speakers' versions: an assignment committed before that
    // read is among them, one committed after it moved a version the write guards. Read together,
    // an assignment landing between the two reads passed both.
    const entries = await deps.agenda.listByEvent(orgId, eventId);
    const listed = sessionOfEvent(sessions, sessionId);
    if (listed.status === 'cancelled')
      throw new DomainError('CONFLICT', 'the session is cancelled: its agenda entry cannot change');
    const before = entries.find((e) => e.sessionId === sessionId);
    const now = before ? nextStamp(before.updatedAt, deps.clock.now()) : deps.clock.now().toISOString();
    const entry: AgendaEntry = {
      orgId,
      eventId,
      sessionId,
      title: input.title,
      description: input.description ?? null,
      type: input.type,
      level: input.level ?? null,
      speakerIds: [...new Set(input.speakerIds ?? [])],
      tags: [...new Set(input.tags ?? [])],
      registrationRequired: input.registrationRequired ?? false,
      recordingUrl: input.recordingUrl ?? null,
      chatEnabled: input.chatEnabled ?? true,
      status: before?.status ?? 'scheduled',
      createdAt: before?.createdAt ?? now,
      updatedAt: now,
    };
    const assigned = checkSpeakers(entry, listed, speakers, entries, sessions);
    // Written once: a later round finds it in place. A deadline at or after the start is the
    // catalog's 422, before the entry changes.
    if (deadline !== undefined && !deadlineWritten)
      deadlineWritten = await changeRegistrationDeadline(deps, orgId, sessionId, deadline);
    const guards = assigned.map((s) => ({ speakerId: s.speakerId, version: s.version }));
    if (await deps.agenda.put(entry, guards, before))
      return itemOf(entry, deadlineWritten ?? listed, assigned);
  }
  throw new DomainError('CONFLICT', 'the entry or its speakers keep changing; try again');
};

export const changeAgendaStatus = async (
  deps: Pick<Deps, 'agenda' | 'sessions' | 'speakers' | 'events' | 'clock'> & EventAccessDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  sessionId: string,
  status: AgendaStatus,
): Promise<AgendaItem> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'session.manage');
  await eventForChange(deps, orgId, eventId);
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const [entry, session] = await Promise.all([
      deps.agenda.get(orgId, eventId, sessionId),
      deps.sessions.get(orgId, sessionId),
    ]);
    if (!entry || !session || session.eventId !== eventId) throw notFound('agenda entry');
    if (session.status === 'cancelled')
      throw new DomainError('CONFLICT', 'the session is cancelled: its agenda entry cannot change');
    if (status !== entry.status) {
      const allowed = agendaMoves[entry.status];
      if (!allowed.includes(status)) throw transitionRefused('agenda entry', entry.status, status, allowed);
    }
    const next = { ...entry, status, updatedAt: nextStamp(entry.updatedAt, deps.clock.now()) };
    // The status alone: no speaker is guarded (none is added), the entry must be as read.
    if (await deps.agenda.put(next, [], entry)) {
      return itemOf(next, session, await speakersOf(deps, orgId, eventId));
    }
  }
  throw new DomainError('CONFLICT', 'the entry keeps changing; try again');
};

/** The item readers see: the entry, its session as the catalog has it, its speakers among `speakers`. */
export const itemOf = (entry: AgendaEntry, session: Session, speakers: readonly Speaker[]): AgendaItem => ({
  entry,
  session: {
    sessionId: session.sessionId,
    roomId: session.roomId,
    venueId: session.venueId,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    timezone: session.timezone,
    registrationDeadline: session.registrationDeadline,
  },
  status: session.status === 'cancelled' ? 'cancelled' : entry.status,
  day: formatLocalDate(utcToLocal(Date.parse(session.startsAt), session.timezone)),
  speakers: entry.speakerIds.flatMap((id) => speakers.filter((s) => s.speakerId === id)),
});
