import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, type ErrorCode, notFound, validationFailed } from '../../../kernel/domain/errors.js';
import { newId } from '../../../kernel/domain/ids.js';
import { nextStamp } from '../../../kernel/domain/stamps.js';
import type { Recurrence, Weekday } from '../../../kernel/domain/time/recurrence.js';
import { parseLocalDate } from '../../../kernel/domain/time/zoned.js';
import type { Principal } from '../../../kernel/domain/types.js';
import type { Event, Room, Venue } from './model.js';
import type { SeatingMode, Session, SessionTable } from './session.js';
import type { SessionWrite } from './session-ports.js';
import { bookedPlacesGuard } from './sessions-places.js';
import {
  checkDuration,
  checkNoOverlap,
  checkSeriesDisjoint,
  resolveTime,
  type Span,
  scheduleWindow,
  seriesSpans,
  withScheduleRetry,
} from './sessions-schedule.js';
import { expandSeatMap, resolveSeating, type SeatMapInput } from './sessions-seating.js';
import { type SessionDetail, type SessionView, sessionDetail, sessionView } from './sessions-view.js';

export interface RecurrenceInput {
  frequency: 'daily' | 'weekly';
  interval?: number | undefined;
  count?: number | undefined;
  /** A venue-local date, `YYYY-MM-DD`, inclusive. */
  until?: string | undefined;
  weekdays?: Weekday[] | undefined;
}

interface SessionFields {
  /** ISO 8601 with an offset, or the venue's wall clock without one (`2026-03-29T19:00`). */
  startsAt: string;
  endsAt?: string | undefined;
  roomId: string;
  capacity?: number | undefined;
  seatingMode?: SeatingMode | undefined;
  seatMap?: SeatMapInput | undefined;
  tables?: SessionTable[] | undefined;
  /** Schedule even if another session uses the room at the same time. */
  allowOverlap?: boolean | undefined;
}

export interface CreateSessionsInput extends SessionFields {
  recurrence?: RecurrenceInput | undefined;
}

export type UpdateSessionInput = Partial<SessionFields>;

const sessionDeleting = () => new DomainError('SESSION_DELETING', 'the session is being deleted');

/** The event and its venue, both live: sessions are never added under a cascade delete. */
const catalogOf = async (
  deps: Pick<Deps, 'events' | 'venues'>,
  orgId: string,
  eventId: string,
): Promise<{ event: Event; venue: Venue }> => {
  const event = await deps.events.get(orgId, eventId);
  if (!event) throw notFound('event');
  if (event.deleting) throw new DomainError('EVENT_DELETING', 'the event is being deleted');
  const venue = await deps.venues.get(orgId, event.venueId);
  if (!venue) throw notFound('venue');
  if (venue.deleting) throw new DomainError('VENUE_DELETING', "the event's venue is being deleted");
  return { event, venue };
};

const roomOf = (venue: Venue, roomId: string): Room => {
  const room = venue.rooms.find((r) => r.roomId === roomId);
  if (!room) throw validationFailed([{ field: 'roomId', message: "is not a room of the event's venue" }]);
  return room;
};

const toRecurrence = (r: RecurrenceInput): Recurrence => {
  const until = r.until === undefined ? undefined : parseLocalDate(r.until);
  if (r.until !== undefined && !until) {
    throw validationFailed([{ field: 'recurrence.until', message: 'must be a date such as 2026-12-31' }]);
  }
  return { frequency: r.frequency, interval: r.interval ?? 1, count: r.count, until, weekdays: r.weekdays };
};

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Writes planned against the room's schedule: read the schedule, refuse overlaps (unless
 * allowed), write conditional on the schedule being unchanged, and plan again if it changed.
 */
const scheduled = (
  deps: Pick<Deps, 'sessions'>,
  room: { orgId: string; venueId: string; roomId: string },
  spans: readonly Span[],
  check: { allowOverlap: boolean; self?: string },
  write: (roomVersion: number) => Promise<SessionWrite>,
) =>
  withScheduleRetry(async () => {
    const window = scheduleWindow(spans);
    const schedule = await deps.sessions.roomSchedule(room, window.from, window.to);
    if (!check.allowOverlap) checkNoOverlap(schedule.slots, spans, check.self);
    return write(schedule.version);
  });

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

/**
 * Changes time, room, capacity or seating. A new start without a new end keeps the duration. On a
 * seated or table session, capacity and seat map (or tables) must change together.
 */
export const updateSession = async (
  deps: ChangeDeps & AccessDeps,
  principal: Principal,
  orgId: string,
  sessionId: string,
  input: UpdateSessionInput,
): Promise<SessionDetail> => {
  await authorize(deps, orgId, principal, 'session.manage');
  const current = await deps.sessions.get(orgId, sessionId);
  if (!current) throw notFound('session');
  if (current.deleting) throw sessionDeleting();
  if (current.status === 'cancelled') {
    throw new DomainError('CONFLICT', 'the session is cancelled; it cannot be changed', {
      currentStatus: current.status,
    });
  }
  const { venue } = await catalogOf(deps, orgId, current.eventId);
  const next = await changeSession(deps, current, venue, input);
  return sessionDetail(next, await deps.sessions.getCounter(orgId, sessionId));
};

type ChangeDeps = Pick<Deps, 'bookings' | 'clock' | 'events' | 'sessions' | 'venues'>;

/**
 * A change of a session read as `current`, checked against its room and its bookings and written
 * conditionally on both (staff's changes and the nightly overbooking take this one path).
 * `overbooked`: the places of the new capacity that overbooking adds; by default a new capacity
 * or seating from staff replaces them, other changes keep them.
 */
const changeSession = async (
  deps: ChangeDeps,
  current: Session,
  venue: Venue,
  input: UpdateSessionInput,
  overbooked?: number,
): Promise<Session> => {
  const { orgId, sessionId } = current;
  const tz = venue.timezone;
  const room = roomOf(venue, input.roomId ?? current.roomId);
  const was = { start: Date.parse(current.startsAt), end: Date.parse(current.endsAt) };
  const start = input.startsAt ? resolveTime(input.startsAt, tz, 'startsAt') : was.start;
  const end = input.endsAt ? resolveTime(input.endsAt, tz, 'endsAt') : start + (was.end - was.start);
  checkDuration({ start, end }, input.endsAt ? 'endsAt' : 'startsAt');
  const mode = input.seatingMode ?? current.seating.mode;
  const kept = current.seating;
  const { capacity, seating } = resolveSeating(
    {
      mode,
      capacity: input.capacity ?? current.capacity,
      seats: input.seatMap
        ? expandSeatMap(input.seatMap)
        : mode === 'seated' && kept.mode === 'seated'
          ? kept.seats
          : undefined,
      tables: input.tables ?? (mode === 'tables' && kept.mode === 'tables' ? kept.tables : undefined),
      defaultCapacity: current.capacity,
    },
    room,
  );
  const next: Session = {
    ...current,
    roomId: room.roomId,
    startsAt: iso(start),
    endsAt: iso(end),
    timezone: tz,
    capacity,
    // A capacity or seating staff set is the session's own: the overbooked places go with it.
    overbooked:
      overbooked ??
      (input.capacity !== undefined || input.seatMap !== undefined || input.tables !== undefined
        ? 0
        : current.overbooked),
    seating,
    updatedAt: nextStamp(current.updatedAt, deps.clock.now()),
  };
  const moved =
    next.roomId !== current.roomId || next.startsAt !== current.startsAt || next.endsAt !== current.endsAt;
  const roomRef = { orgId, venueId: venue.venueId, roomId: room.roomId };
  await scheduled(
    deps,
    roomRef,
    [{ start, end }],
    { allowOverlap: !moved || (input.allowOverlap ?? false), self: sessionId },
    // The booked places are checked in each round: a booking landing between the check and the
    // write makes the write answer 'bookings-changed', and the next round sees that booking.
    async (version) =>
      deps.sessions.update(current, next, version, await bookedPlacesGuard(deps, current, seating)),
  );
  return next;
};

/** Refusals an overbooking leaves for the next night: bookings hold the places, or the session moved. */
const overbookingLeftFor: readonly ErrorCode[] = ['CAPACITY_IN_USE', 'CONFLICT', 'SESSION_OVERLAP'];

/**
 * Controlled overbooking (the nightly run): a general-admission session of an event that allows
 * it gets `places` beyond its own capacity for the no-shows its forecast expects, never beyond the
 * room's capacity. Fewer places than before are taken back only while unbooked (a change that
 * would go below the places held or confirmed is refused and left). Answers the places now added.
 */
export const overbookSession = async (
  deps: ChangeDeps,
  orgId: string,
  sessionId: string,
  places: number,
): Promise<{ overbooked: number; changed: boolean }> => {
  const current = await deps.sessions.get(orgId, sessionId);
  const open = current && !current.deleting && current.status === 'scheduled';
  if (!open || current.seating.mode !== 'general')
    return { overbooked: current?.overbooked ?? 0, changed: false };
  const { venue } = await catalogOf(deps, orgId, current.eventId);
  const own = current.capacity - current.overbooked;
  const roomCapacity = roomOf(venue, current.roomId).capacity;
  const target = Math.max(0, Math.min(places, roomCapacity === null ? places : roomCapacity - own));
  if (target === current.overbooked) return { overbooked: target, changed: false };
  try {
    await changeSession(deps, current, venue, { capacity: own + target }, target);
    return { overbooked: target, changed: true };
  } catch (err) {
    // Bookings already hold the places it would take back, or the session changed meanwhile:
    // left as it is for the next night.
    if (err instanceof DomainError && overbookingLeftFor.includes(err.code))
      return { overbooked: current.overbooked, changed: false };
    throw err;
  }
};
