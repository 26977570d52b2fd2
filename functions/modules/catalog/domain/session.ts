/**
 * A session: one timed occurrence of an event in one room of its venue. Times are UTC ISO 8601
 * (`toISOString()` form, so they sort as text); the venue's time zone is kept beside them.
 */

export type SeatingMode = 'general' | 'seated' | 'tables';
/** A cancelled session takes no bookings and no edits; its live bookings are cancelled in the background. */
export type SessionStatus = 'scheduled' | 'cancelled';

/** Who cancelled a session and why; `completedAt` is set once none of its bookings is live any more. */
export interface SessionCancellation {
  at: string;
  by: string;
  reason: string;
  completedAt: string | null;
}

export interface SessionTable {
  name: string;
  capacity: number;
}

/**
 * How the places of a session are laid out. `seats` is ordered: the booking engine gives the
 * lowest free label first. Seat count or table places always equal the session's capacity.
 */
export type Seating =
  | { mode: 'general' }
  | { mode: 'seated'; seats: string[] }
  | { mode: 'tables'; tables: SessionTable[] };

export interface Session {
  orgId: string;
  sessionId: string;
  eventId: string;
  venueId: string;
  roomId: string;
  /** Set on every session created by one recurring request. */
  seriesId: string | null;
  startsAt: string;
  endsAt: string;
  /** The venue's IANA time zone when the session was scheduled. */
  timezone: string;
  capacity: number;
  /**
   * Of `capacity`, the places the nightly run added for the no-shows its forecast expects (an
   * event's `overbookingPercent`); 0 when not overbooked. A capacity staff set replaces them.
   */
  overbooked: number;
  seating: Seating;
  /**
   * UTC ISO 8601, before `startsAt`: from then on the session takes no new bookings, waitlist
   * entries or offers (staff may still book it); null when registration stays open until it starts.
   */
  registrationDeadline: string | null;
  status: SessionStatus;
  /** Set when the session is cancelled (and only then). */
  cancellation: SessionCancellation | null;
  /** Set while a cascade delete of the session runs; the session refuses every other change. */
  deleting: boolean;
  createdAt: string;
  updatedAt: string;
}

/**
 * The capacity counter: its own item per session, changed only by conditional writes, so that
 * `capacity = available + held + confirmed` holds after any sequence of requests.
 */
export interface CapacityCounter {
  capacity: number;
  available: number;
  held: number;
  confirmed: number;
  /** Bumped by every change, for readers that want to detect one. */
  version: number;
  /**
   * Waitlist entries still waiting. While any wait, places that come free belong to them: a
   * direct booking is refused (or joins the line), only the offer engine takes places.
   */
  waiting?: number;
}

/** A session's slot in a room's schedule. */
export interface RoomSlot {
  sessionId: string;
  eventId: string;
  startsAt: string;
  endsAt: string;
}

/** Whether the session's registration has closed at `now`: it has a deadline, and it is past. */
export const registrationClosed = (session: Pick<Session, 'registrationDeadline'>, now: Date): boolean =>
  session.registrationDeadline !== null && Date.parse(session.registrationDeadline) <= now.getTime();

/** Sessions longer than this are refused, so an overlap check need only look this far back. */
export const maxSessionMinutes = 7 * 24 * 60;

/**
 * A series is created in one transaction (all of it or none): each session with its counter and
 * room slot (3 items), plus the room's schedule version and the event and venue checks, within
 * DynamoDB's 100 items per transaction: 3 x 32 + 3 = 99.
 */
export const maxSeriesLength = 32;

export const maxSeats = 5_000;
export const maxTables = 500;
