import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, type ErrorCode, notFound, validationFailed } from '../../../kernel/domain/errors.js';
import { nextStamp } from '../../../kernel/domain/stamps.js';
import type { Event, Room, Venue } from './model.js';
import type { SeatingMode, Session, SessionTable } from './session.js';
import type { SessionWrite } from './session-ports.js';
import { bookedPlacesGuard } from './sessions-places.js';
import {
  checkDuration,
  checkNoOverlap,
  checkRegistrationDeadline,
  resolveTime,
  type Span,
  scheduleWindow,
  withScheduleRetry,
} from './sessions-schedule.js';
import { expandSeatMap, resolveSeating, type SeatMapInput } from './sessions-seating.js';

/**
 * A change of one session, checked against its room and its bookings and written conditionally
 * on both: staff's changes (sessions.ts), the nightly overbooking and the agenda's registration
 * deadline take this one path.
 */

export interface SessionFields {
  /** ISO 8601 with an offset, or the venue's wall clock without one (`2026-03-29T19:00`). */
  startsAt: string;
  endsAt?: string | undefined;
  roomId: string;
  capacity?: number | undefined;
  seatingMode?: SeatingMode | undefined;
  seatMap?: SeatMapInput | undefined;
  tables?: SessionTable[] | undefined;
  /** A UTC instant before the start; null: none (registration stays open until the start). */
  registrationDeadline?: string | null | undefined;
  /** Schedule even if another session uses the room at the same time. */
  allowOverlap?: boolean | undefined;
}

export type UpdateSessionInput = Partial<SessionFields>;

export const sessionDeleting = () => new DomainError('SESSION_DELETING', 'the session is being deleted');

/** The event and its venue, both live: sessions are never added under a cascade delete. */
export const catalogOf = async (
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

export const roomOf = (venue: Venue, roomId: string): Room => {
  const room = venue.rooms.find((r) => r.roomId === roomId);
  if (!room) throw validationFailed([{ field: 'roomId', message: "is not a room of the event's venue" }]);
  return room;
};

export const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Writes planned against the room's schedule: read the schedule, refuse overlaps (unless
 * allowed), write conditional on the schedule being unchanged, and plan again if it changed.
 */
export const scheduled = (
  deps: Pick<Deps, 'sessions'>,
  room: { orgId: string; venueId: string; roomId: string },
  spans: readonly Span[],
  check: { allowOverlap: boolean; self?: string },
  write: (roomVersion: number) => Promise<SessionWrite>,
) =>
  withScheduleRetry(async () => {
    const window = scheduleWindow(spans);
    const schedule = await deps.sessions.roomSchedule(room, window.from, window.to);
    // Dropped from the venue since the venue was read.
    if (schedule.retired)
      throw validationFailed([{ field: 'roomId', message: "is not a room of the event's venue" }]);
    if (!check.allowOverlap) checkNoOverlap(schedule.slots, spans, check.self);
    return write(schedule.version);
  });

export type ChangeDeps = Pick<Deps, 'bookings' | 'clock' | 'events' | 'sessions' | 'venues'>;

export interface ChangeOptions {
  /**
   * The places of the new capacity that overbooking adds; by default a new capacity or seating
   * from staff replaces them, other changes keep them.
   */
  overbooked?: number | undefined;
  /** Run before the write when the change moves the session in time (its speakers' check). */
  checkMove?: ((next: Session) => Promise<void>) | undefined;
}

/** A change of a session read as `current`, checked against its room and its bookings. */
export const changeSession = async (
  deps: ChangeDeps,
  current: Session,
  venue: Venue,
  input: UpdateSessionInput,
  options: ChangeOptions = {},
): Promise<Session> => {
  const { orgId, sessionId } = current;
  const tz = venue.timezone;
  const room = roomOf(venue, input.roomId ?? current.roomId);
  const was = { start: Date.parse(current.startsAt), end: Date.parse(current.endsAt) };
  const start = input.startsAt ? resolveTime(input.startsAt, tz, 'startsAt') : was.start;
  const end = input.endsAt ? resolveTime(input.endsAt, tz, 'endsAt') : start + (was.end - was.start);
  checkDuration({ start, end }, input.endsAt ? 'endsAt' : 'startsAt');
  const registrationDeadline =
    input.registrationDeadline === undefined ? current.registrationDeadline : input.registrationDeadline;
  checkRegistrationDeadline(
    registrationDeadline,
    start,
    input.registrationDeadline === undefined ? 'startsAt' : 'registrationDeadline',
  );
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
      options.overbooked ??
      (input.capacity !== undefined || input.seatMap !== undefined || input.tables !== undefined
        ? 0
        : current.overbooked),
    seating,
    // A new deadline bumps `updatedAt` like any change: bookings made on the old one fail their
    // transaction (the counter's session stamp) and are checked again.
    registrationDeadline,
    updatedAt: nextStamp(current.updatedAt, deps.clock.now()),
  };
  const retimed = next.startsAt !== current.startsAt || next.endsAt !== current.endsAt;
  if (retimed && options.checkMove) await options.checkMove(next);
  const moved = retimed || next.roomId !== current.roomId;
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

/** A session of the organization that may still change: not deleting, not cancelled. */
export const changeableSession = async (
  deps: Pick<Deps, 'sessions'>,
  orgId: string,
  sessionId: string,
): Promise<Session> => {
  const current = await deps.sessions.get(orgId, sessionId);
  if (!current) throw notFound('session');
  if (current.deleting) throw sessionDeleting();
  if (current.status === 'cancelled') {
    throw new DomainError('CONFLICT', 'the session is cancelled; it cannot be changed', {
      currentStatus: current.status,
    });
  }
  return current;
};

/**
 * Sets or clears a session's registration deadline (the agenda's write-through: the deadline is
 * the session's, which bookings read). No access check: the caller has made its own. Answers the
 * session as it now is; an unchanged deadline writes nothing.
 */
export const changeRegistrationDeadline = async (
  deps: ChangeDeps,
  orgId: string,
  sessionId: string,
  registrationDeadline: string | null,
): Promise<Session> => {
  const current = await changeableSession(deps, orgId, sessionId);
  if (current.registrationDeadline === registrationDeadline) return current;
  const { venue } = await catalogOf(deps, orgId, current.eventId);
  return changeSession(deps, current, venue, { registrationDeadline });
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
    await changeSession(deps, current, venue, { capacity: own + target }, { overbooked: target });
    return { overbooked: target, changed: true };
  } catch (err) {
    // Bookings already hold the places it would take back, or the session changed meanwhile:
    // left as it is for the next night.
    if (err instanceof DomainError && overbookingLeftFor.includes(err.code))
      return { overbooked: current.overbooked, changed: false };
    throw err;
  }
};
