import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound, validationFailed } from '../../../kernel/domain/errors.js';
import { newId } from '../../../kernel/domain/ids.js';
import { givenFields } from '../../../kernel/domain/patch.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import type { Deletion } from '../../deletions/index.js';
import { requestDeletion } from '../../deletions/index.js';
import { venueDeleting } from './errors.js';
import { withEventMarks } from './event-marks.js';
import { markDeletingUnlessLive } from './live-bookings.js';
import type { GeoPoint, Room, Venue } from './model.js';
import type { RoomUse } from './ports.js';
import { assertActiveMember } from './references.js';

export interface RoomInput {
  /** Keeps an existing room (and its id); without it the room is new. */
  roomId?: string | undefined;
  name: string;
  capacity?: number | undefined;
}

export interface CreateVenueInput {
  name: string;
  address: string;
  city: string;
  timezone: string;
  geo?: GeoPoint | undefined;
  type?: string | undefined;
  rooms: RoomInput[];
  managerId?: string | undefined;
}

export interface UpdateVenueInput {
  name?: string | undefined;
  address?: string | undefined;
  city?: string | undefined;
  timezone?: string | undefined;
  geo?: GeoPoint | null | undefined;
  type?: string | null | undefined;
  rooms?: RoomInput[] | undefined;
  managerId?: string | null | undefined;
}

/** Rooms named by id must be rooms the venue has; the rest get fresh ids. */
const roomsOf = (input: RoomInput[], existing: Room[]): Room[] => {
  const unknown = input.flatMap((r, i) =>
    r.roomId && !existing.some((e) => e.roomId === r.roomId)
      ? [{ field: `rooms.${i}.roomId`, message: 'is not a room of this venue' }]
      : [],
  );
  if (unknown.length > 0) throw validationFailed(unknown);
  return input.map((r) => ({
    roomId: r.roomId ?? newId('room'),
    name: r.name,
    capacity: r.capacity ?? null,
  }));
};

/** The venue, or NOT_FOUND; callers that change it also refuse one being deleted. */
const venueOf = async (deps: Pick<Deps, 'venues'>, orgId: string, venueId: string): Promise<Venue> => {
  const venue = await deps.venues.get(orgId, venueId);
  if (!venue) throw notFound('venue');
  return venue;
};

export const createVenue = async (
  deps: Pick<Deps, 'clock' | 'venues'> & AccessDeps,
  principal: Principal,
  orgId: string,
  input: CreateVenueInput,
): Promise<Venue> => {
  await authorize(deps, orgId, principal, 'venue.manage');
  if (input.managerId) await assertActiveMember(deps, orgId, input.managerId, 'managerId');
  const now = deps.clock.now().toISOString();
  const venue: Venue = {
    orgId,
    venueId: newId('ven'),
    name: input.name,
    address: input.address,
    city: input.city,
    timezone: input.timezone,
    geo: input.geo ?? null,
    type: input.type ?? null,
    rooms: roomsOf(input.rooms, []),
    managerId: input.managerId ?? null,
    deleting: false,
    createdAt: now,
    updatedAt: now,
  };
  await deps.venues.create(venue);
  return venue;
};

export const getVenue = async (
  deps: Pick<Deps, 'venues'> & AccessDeps,
  principal: Principal,
  orgId: string,
  venueId: string,
): Promise<Venue> => {
  await authorize(deps, orgId, principal, 'venue.read');
  return venueOf(deps, orgId, venueId);
};

export const listVenues = async (
  deps: Pick<Deps, 'venues'> & AccessDeps,
  principal: Principal,
  orgId: string,
  managerId: string | undefined,
  page: PageRequest,
): Promise<Page<Venue>> => {
  await authorize(deps, orgId, principal, 'venue.read');
  return managerId ? deps.venues.listByManager(orgId, managerId, page) : deps.venues.list(orgId, page);
};

const sameGeo = (a: Venue['geo'], b: Venue['geo']) => a?.lat === b?.lat && a?.lng === b?.lng;

export const updateVenue = async (
  deps: Pick<Deps, 'clock' | 'events' | 'sessions' | 'venues'> & AccessDeps,
  principal: Principal,
  orgId: string,
  venueId: string,
  input: UpdateVenueInput,
): Promise<Venue> => {
  await authorize(deps, orgId, principal, 'venue.manage');
  const current = await venueOf(deps, orgId, venueId);
  if (current.deleting) throw venueDeleting();
  if (input.managerId) await assertActiveMember(deps, orgId, input.managerId, 'managerId');
  const { rooms, ...changes } = input;
  const next: Venue = {
    ...current,
    ...givenFields(changes),
    rooms: rooms ? roomsOf(rooms, current.rooms) : current.rooms,
    updatedAt: deps.clock.now().toISOString(),
  };
  const dropped = await droppedRoomsFree(deps, current, next.rooms);
  await deps.venues.replace(current, next, dropped);
  // The discovery index places the venue's events by its geo: moved, they follow.
  if (!sameGeo(current.geo, next.geo)) await deps.events.reindexVenue(next);
  return next;
};

/**
 * A room that sessions still use cannot leave the venue: those sessions would point nowhere.
 * Answers the dropped rooms with the schedule versions they were found free at, which the
 * venue's write checks (a session placed in one meanwhile makes it fail).
 */
const droppedRoomsFree = async (
  deps: Pick<Deps, 'sessions'>,
  venue: Venue,
  rooms: readonly Room[],
): Promise<RoomUse[]> => {
  const kept = new Set(rooms.map((r) => r.roomId));
  const free: RoomUse[] = [];
  for (const room of venue.rooms.filter((r) => !kept.has(r.roomId))) {
    const use = await deps.sessions.roomUse({
      orgId: venue.orgId,
      venueId: venue.venueId,
      roomId: room.roomId,
    });
    free.push(use);
    if (use.inUse) {
      throw new DomainError(
        'ROOM_IN_USE',
        `room "${room.name}" still has sessions; move or delete them first`,
        {
          roomId: room.roomId,
        },
      );
    }
  }
  return free;
};

/** The venue and each of its events (see withEventMarks). */
const venueMarks = (deps: Pick<Deps, 'clock' | 'events' | 'venues'>, orgId: string, venueId: string) =>
  withEventMarks(
    deps,
    orgId,
    { venueId },
    {
      mark: () => deps.venues.markDeleting(orgId, venueId, deps.clock.now().toISOString()),
      unmark: () => deps.venues.unmarkDeleting(orgId, venueId, deps.clock.now().toISOString()),
    },
  );

/**
 * Marks the venue deleting (it refuses every other change from then on), with its events, and
 * starts the cascade that removes it with them. A retried DELETE answers the same deletion.
 */
export const deleteVenue = async (
  deps: Pick<Deps, 'clock' | 'deletions' | 'events' | 'jobs' | 'sessions' | 'venues'> & AccessDeps,
  principal: Principal,
  orgId: string,
  venueId: string,
): Promise<Deletion> => {
  await authorize(deps, orgId, principal, 'venue.manage');
  await venueOf(deps, orgId, venueId);
  await markDeletingUnlessLive(deps, orgId, { kind: 'venue', id: venueId }, venueMarks(deps, orgId, venueId));
  return requestDeletion(deps, orgId, { kind: 'venue', id: venueId }, principal.sub);
};
