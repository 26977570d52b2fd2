import type { Page, PageRequest } from '../../../kernel/domain/types.js';
import type { Event, EventStatus, PublicEvent, Venue } from './model.js';
import type { RoomUse } from './session-ports.js';

export type { RoomRef, RoomSchedule, RoomUse, ScheduleWrite, SessionStore } from './session-ports.js';

/**
 * Ports of the catalog context (venues, events, sessions). Each store is
 * implemented over DynamoDB in functions/modules/catalog/adapters; every multi-item change is one
 * transaction inside the adapter. Every store can purge an organization's items in batches
 * (`purgeOrg` returns how many it deleted; fewer than `limit` means none are left).
 */

export interface VenueStore {
  create(venue: Venue): Promise<void>;
  get(orgId: string, venueId: string): Promise<Venue | undefined>;
  list(orgId: string, page: PageRequest): Promise<Page<Venue>>;
  listByManager(orgId: string, managerId: string, page: PageRequest): Promise<Page<Venue>>;
  /**
   * Replaces `current` with `next` if the venue is still as read (same `updatedAt`) and not being
   * deleted, and each room it drops still has the schedule version it was found free at (no
   * session placed in it since). Throws NOT_FOUND, VENUE_DELETING or CONFLICT otherwise.
   */
  replace(current: Venue, next: Venue, droppedRooms?: readonly RoomUse[]): Promise<void>;
  /** Sets `deleting`; idempotent. Throws NOT_FOUND when the venue is gone. */
  markDeleting(orgId: string, venueId: string, at: string): Promise<void>;
  /** Takes back a `deleting` mark whose delete was refused; no-op when it is not marked. */
  unmarkDeleting(orgId: string, venueId: string, at: string): Promise<void>;
  /** Deletes the venue item (a step of its cascade delete, after its events are gone). */
  remove(orgId: string, venueId: string): Promise<void>;
  purgeOrg(orgId: string, limit: number): Promise<number>;
}

/** Filters of an organization's event list; each combination is served by one index. */
export interface EventFilter {
  venueId?: string | undefined;
  status?: EventStatus | undefined;
  /** Inclusive bounds on `startsAt` (ISO 8601, UTC); events without a start match no range. */
  from?: string | undefined;
  to?: string | undefined;
}

export interface PublicEventFilter {
  from?: string | undefined;
  to?: string | undefined;
  tag?: string | undefined;
}

export interface EventStore {
  /** Puts the event (and its public listing items) if its venue exists and is not being deleted. */
  create(event: Event): Promise<void>;
  get(orgId: string, eventId: string): Promise<Event | undefined>;
  /** Ordered by `startsAt` (unscheduled events last). With `venueId`, lists a venue's events. */
  list(orgId: string, filter: EventFilter, page: PageRequest): Promise<Page<Event>>;
  /** Published public events of every organization of the tenant, by `startsAt`. */
  listPublic(filter: PublicEventFilter, page: PageRequest): Promise<Page<PublicEvent>>;
  /**
   * Replaces `current` with `next` (and its listing items) if the event is still as read and not
   * being deleted, and `next`'s venue exists and is not being deleted. Throws NOT_FOUND,
   * EVENT_DELETING, VALIDATION_FAILED (venueId: no such venue), VENUE_DELETING or CONFLICT
   * otherwise.
   */
  replace(current: Event, next: Event): Promise<void>;
  /** Sets `deleting` and withdraws the event from the public listing; idempotent. */
  markDeleting(event: Event, at: string): Promise<void>;
  /**
   * Takes back the `deleting` mark of `event` (as read before it was marked) whose delete was
   * refused, putting back its public listing; no-op when it is not marked.
   */
  unmarkDeleting(event: Event, at: string): Promise<void>;
  /** Deletes the event item with its listing items (a step of a cascade delete). */
  remove(orgId: string, eventId: string): Promise<void>;
  /**
   * Rewrites the discovery entries of the venue's events after its `geo` changed (docs/discovery.md):
   * each published public event's entry moves to the new place, or goes when the venue has none.
   */
  reindexVenue(venue: Venue): Promise<void>;
  purgeOrg(orgId: string, limit: number): Promise<number>;
}
