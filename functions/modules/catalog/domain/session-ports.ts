import type { Page, PageRequest } from '../../../kernel/domain/types.js';
import type { CapacityCounter, RoomSlot, Session, SessionCancellation } from './session.js';

/** What a room's schedule held when read: the slots in a window, and the version they belong to. */
export interface RoomSchedule {
  version: number;
  /** The room left its venue: nothing is placed in it any more. */
  retired: boolean;
  slots: RoomSlot[];
}

export interface RoomRef {
  orgId: string;
  venueId: string;
  roomId: string;
}

export interface RoomUse {
  roomId: string;
  version: number;
  inUse: boolean;
}

/**
 * `schedule-changed`: the room's schedule version moved since `roomSchedule` was read, so the
 * overlap check must run again. Writes that add or move a slot bump the version in the same
 * transaction, which is what makes two concurrent overlapping writes unable to both commit.
 */
export type ScheduleWrite = 'written' | 'schedule-changed';

/**
 * What a change of a session's places relied on about its bookings, checked again by the write:
 * - `none-live`: no booking was held or confirmed, and none may be when the change lands;
 * - `places-free`: these places, which the change removes, stay unbooked;
 * - `counter-at`: the bookings do not change at all (the counter's version stays put), for a
 *   change removing more places than one transaction can check one by one.
 */
export type PlacesGuard =
  | { kind: 'none-live' }
  | { kind: 'places-free'; labels: readonly string[] }
  | { kind: 'counter-at'; version: number };

/** `bookings-changed`: a booking landed since the places were checked; check them again. */
export type SessionWrite = ScheduleWrite | 'bookings-changed';

/** Sessions with their capacity counters and room slots; every change is one transaction. */
export interface SessionStore {
  /**
   * Slots starting in [from, to) and the version they were read at (strongly consistent; the
   * version is read first, so a write that lands in between makes the next write fail).
   */
  roomSchedule(room: RoomRef, from: string, to: string): Promise<RoomSchedule>;
  /**
   * Creates the sessions (all in one room) with their counters (`available = capacity`) and room
   * slots, if the room's schedule is still at `roomVersion` and the event exists and is not being
   * deleted. Throws NOT_FOUND or EVENT_DELETING otherwise.
   */
  /** `eventStamp`: the event's `updatedAt` as read; the write fails if it changed since. */
  create(sessions: readonly Session[], roomVersion: number, eventStamp: string): Promise<ScheduleWrite>;
  get(orgId: string, sessionId: string): Promise<Session | undefined>;
  getCounter(orgId: string, sessionId: string): Promise<CapacityCounter | undefined>;
  /** By start time. */
  listByEvent(orgId: string, eventId: string, page: PageRequest): Promise<Page<Session>>;
  /**
   * Replaces `current` with `next` if the session is unchanged since read and not being deleted.
   * A new capacity goes through the counter with a condition that keeps `available >= 0`; a new
   * time or room moves the slot, conditional on the target room's schedule being at `roomVersion`.
   * A change of places carries the guard its check produced (see PlacesGuard).
   * Throws NOT_FOUND, SESSION_DELETING, CAPACITY_IN_USE or CONFLICT.
   */
  update(current: Session, next: Session, roomVersion: number, guard?: PlacesGuard): Promise<SessionWrite>;
  /**
   * Moves a scheduled session to `cancelled` with its cancellation, and answers the session as
   * stored: one already cancelled is answered as it is. Throws NOT_FOUND or SESSION_DELETING.
   */
  cancel(orgId: string, sessionId: string, cancellation: SessionCancellation): Promise<Session>;
  /** Records on a cancelled session that none of its bookings is live any more; idempotent. */
  completeCancellation(orgId: string, sessionId: string, at: string): Promise<void>;
  /** Sets `deleting`; idempotent. Throws NOT_FOUND when the session is gone. */
  markDeleting(orgId: string, sessionId: string, at: string): Promise<void>;
  /** Takes back a `deleting` mark whose delete was refused; no-op when it is not marked. */
  unmarkDeleting(orgId: string, sessionId: string, at: string): Promise<void>;
  /** Deletes the session with its counter and room slot; returns how many items it deleted. */
  remove(orgId: string, sessionId: string): Promise<number>;
  /**
   * Whether any session, at any time, occupies the room, and the room's schedule version read
   * before (0: none yet): a write removing the room, conditional on that version, fails if a
   * session was placed in it since.
   */
  roomUse(room: RoomRef): Promise<RoomUse>;
  /** Session ids of an event, for cascade deletes; `cursor` comes from the previous call. */
  listIdsByEvent(
    orgId: string,
    eventId: string,
    limit: number,
    cursor?: string,
  ): Promise<{ ids: string[]; cursor: string | null }>;
  /** Every session id of the organization (the live-bookings check before deleting it). */
  listAllIdsOfOrg(orgId: string): Promise<string[]>;
  /** Up to `limit` session ids of the organization, for its cascade delete. */
  listIdsOfOrg(orgId: string, limit: number): Promise<string[]>;
  /** A page of the organization's sessions, in id order (the nightly walk); `cursor` as returned. */
  pageOfOrg(
    orgId: string,
    limit: number,
    cursor?: string,
  ): Promise<{ sessions: Session[]; cursor: string | null }>;
  purgeOrg(orgId: string, limit: number): Promise<number>;
}

/** A speaker of the session who also speaks in another session of the event at the same time. */
export interface SpeakerClash {
  speakerId: string;
  /** The other session. */
  sessionId: string;
}

/**
 * What a session's schedule means to the rest of the event: the conference's agenda gives
 * sessions speakers (served by the conference module, which the catalog does not import).
 */
export interface SessionScheduleGuard {
  /**
   * The first speaker of the session's agenda entry (not cancelled) who, with the session at
   * `next`'s time, would also speak in another live session of the event at once; undefined when
   * none would.
   */
  speakerClash(next: Session): Promise<SpeakerClash | undefined>;
}
