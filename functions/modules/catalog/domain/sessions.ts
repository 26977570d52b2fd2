import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, validationFailed } from '../../../kernel/domain/errors.js';
import { newId } from '../../../kernel/domain/ids.js';
import type { Recurrence, Weekday } from '../../../kernel/domain/time/recurrence.js';
import { parseLocalDate } from '../../../kernel/domain/time/zoned.js';
import type { Principal } from '../../../kernel/domain/types.js';
import type { Session } from './session.js';
import type { SpeakerClash } from './session-ports.js';
import {
  type ChangeDeps,
  catalogOf,
  changeableSession,
  changeSession,
  iso,
  roomOf,
  type SessionFields,
  scheduled,
  type UpdateSessionInput,
} from './sessions-change.js';
import {
  checkDuration,
  checkRegistrationDeadline,
  checkSeriesDisjoint,
  resolveTime,
  seriesSpans,
} from './sessions-schedule.js';
import { expandSeatMap, resolveSeating } from './sessions-seating.js';
import { type SessionDetail, type SessionView, sessionDetail, sessionView } from './sessions-view.js';

export type { UpdateSessionInput } from './sessions-change.js';

export interface RecurrenceInput {
  frequency: 'daily' | 'weekly';
  interval?: number | undefined;
  count?: number | undefined;
  /** A venue-local date, `YYYY-MM-DD`, inclusive. */
  until?: string | undefined;
  weekdays?: Weekday[] | undefined;
}

export interface CreateSessionsInput extends SessionFields {
  recurrence?: RecurrenceInput | undefined;
}

const toRecurrence = (r: RecurrenceInput): Recurrence => {
  const until = r.until === undefined ? undefined : parseLocalDate(r.until);
  if (r.until !== undefined && !until) {
    throw validationFailed([{ field: 'recurrence.until', message: 'must be a date such as 2026-12-31' }]);
  }
  return { frequency: r.frequency, interval: r.interval ?? 1, count: r.count, until, weekdays: r.weekdays };
};

/**
 * Creates one session, or a series of them when `recurrence` is given (all in one transaction:
 * every session of the series is created, or none).
 */
export const createSessions = async (
  deps: Pick<Deps, 'clock' | 'events' | 'sessions' | 'venues'> & AccessDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  input: CreateSessionsInput,
): Promise<{ seriesId: string | null; sessions: SessionView[] }> => {
  await authorize(deps, orgId, principal, 'session.manage');
  const { event, venue } = await catalogOf(deps, orgId, eventId);
  if (event.status === 'cancelled' || event.status === 'completed') {
    throw new DomainError('CONFLICT', `the event is ${event.status}; it takes no new sessions`);
  }
  const room = roomOf(venue, input.roomId);
  const tz = venue.timezone;
  const start = resolveTime(input.startsAt, tz, 'startsAt');
  const end = input.endsAt
    ? resolveTime(input.endsAt, tz, 'endsAt')
    : start + event.defaultDurationMinutes * 60_000;
  checkDuration({ start, end }, input.endsAt ? 'endsAt' : 'startsAt');
  const registrationDeadline = input.registrationDeadline ?? null;
  if (registrationDeadline !== null && input.recurrence) {
    throw validationFailed([
      { field: 'registrationDeadline', message: 'a series takes no deadline: set it on each session' },
    ]);
  }
  checkRegistrationDeadline(registrationDeadline, start, 'registrationDeadline');
  const { capacity, seating } = resolveSeating(
    {
      mode: input.seatingMode ?? 'general',
      capacity: input.capacity,
      seats: input.seatMap && expandSeatMap(input.seatMap),
      tables: input.tables,
      defaultCapacity: event.defaultCapacity,
    },
    room,
  );
  const allowOverlap = input.allowOverlap ?? false;
  const spans = seriesSpans({ start, end }, tz, input.recurrence && toRecurrence(input.recurrence));
  if (!allowOverlap) checkSeriesDisjoint(spans);
  const now = deps.clock.now().toISOString();
  const seriesId = input.recurrence ? newId('ser') : null;
  const sessions: Session[] = spans.map((span) => ({
    orgId,
    sessionId: newId('ses'),
    eventId,
    venueId: venue.venueId,
    roomId: room.roomId,
    seriesId,
    startsAt: iso(span.start),
    endsAt: iso(span.end),
    timezone: tz,
    capacity,
    overbooked: 0,
    seating,
    registrationDeadline,
    status: 'scheduled',
    cancellation: null,
    deleting: false,
    createdAt: now,
    updatedAt: now,
  }));
  const roomRef = { orgId, venueId: venue.venueId, roomId: room.roomId };
  await scheduled(deps, roomRef, spans, { allowOverlap }, (version) =>
    deps.sessions.create(sessions, version, event.updatedAt),
  );
  return { seriesId, sessions: sessions.map(sessionView) };
};

/** A time change that would put one of the session's speakers in two places at once. */
const speakerDoubleBooked = (clash: SpeakerClash) =>
  new DomainError(
    'SPEAKER_DOUBLE_BOOKED',
    `speaker ${clash.speakerId} also speaks in session ${clash.sessionId}, which the new time overlaps`,
    { speakerId: clash.speakerId, sessionId: clash.sessionId },
  );

/**
 * Changes time, room, capacity, seating or registration deadline. A new start without a new end
 * keeps the duration. On a seated or table session, capacity and seat map (or tables) must change
 * together. A new time that puts one of the session's agenda speakers in another of their
 * sessions at once is refused (SPEAKER_DOUBLE_BOOKED), as the agenda refuses assigning them.
 */
export const updateSession = async (
  deps: ChangeDeps & Pick<Deps, 'scheduleGuard'> & AccessDeps,
  principal: Principal,
  orgId: string,
  sessionId: string,
  input: UpdateSessionInput,
): Promise<SessionDetail> => {
  await authorize(deps, orgId, principal, 'session.manage');
  const current = await changeableSession(deps, orgId, sessionId);
  const { venue } = await catalogOf(deps, orgId, current.eventId);
  const next = await changeSession(deps, current, venue, input, {
    checkMove: async (moved: Session) => {
      const clash = await deps.scheduleGuard.speakerClash(moved);
      if (clash) throw speakerDoubleBooked(clash);
    },
  });
  return sessionDetail(next, await deps.sessions.getCounter(orgId, sessionId));
};
