import { type AccessDeps, assertOrgOpen, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound, validationFailed } from '../../../kernel/domain/errors.js';
import { derivedId } from '../../../kernel/domain/ids.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import {
  type Connection,
  type ConnectionStatus,
  type ConnectionType,
  isSide,
  type Meeting,
  sortedPair,
} from './model.js';

/**
 * Connection requests between attendees of one event. A signed-in user acts as their own
 * attendee of the organization (the one linked to their user id), member or not.
 */

/** An attendee as the people module's store answers it (read through the port, not the module). */
type Attendee = NonNullable<Awaited<ReturnType<Deps['attendees']['get']>>>;

type ConnectionActorDeps = Pick<Deps, 'attendees'> & AccessDeps;

/**
 * The caller's own attendee. Without one, a member is told the attendee is missing; anyone else
 * gets the answer of a missing organization, so org ids cannot be probed.
 */
const actingAttendee = async (
  deps: ConnectionActorDeps,
  principal: Principal,
  orgId: string,
): Promise<Attendee> => {
  const [org, member] = await Promise.all([deps.orgs.get(orgId), deps.members.get(orgId, principal.sub)]);
  assertOrgOpen(org?.status);
  const attendee = await deps.attendees.findBy(orgId, 'userId', principal.sub);
  if (!attendee) throw member?.status === 'active' ? notFound('attendee') : notFound('organization');
  return attendee;
};

/** Whether the attendee (or their party) holds a held or confirmed booking of a session of the event. */
const holdsLiveBooking = async (
  deps: Pick<Deps, 'bookings'>,
  orgId: string,
  eventId: string,
  attendee: Attendee,
): Promise<boolean> => {
  const holders = [attendee.attendeeId, ...(attendee.partyId ? [attendee.partyId] : [])];
  for (const holderId of holders) {
    let cursor: string | undefined;
    do {
      const page = await deps.bookings.listByHolder(orgId, holderId, { limit: 100, cursor });
      const live = page.items.some(
        (b) => b.eventId === eventId && (b.status === 'held' || b.status === 'confirmed'),
      );
      if (live) return true;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return false;
};

const notAtEvent = (attendeeId: string, whose: 'you hold' | 'the attendee holds') =>
  new DomainError('NOT_AT_EVENT', `${whose} no held or confirmed booking of a session of this event`, {
    attendeeId,
  });

const exists = (c: Connection) =>
  new DomainError('CONNECTION_EXISTS', `the two attendees have a ${c.status} connection at this event`, {
    connectionId: c.connectionId,
    currentStatus: c.status,
  });

/** The blocker is told what they did; the one blocked learns only that they cannot ask. */
const blocked = (c: Connection, me: string) =>
  c.blockedBy === me
    ? new DomainError(
        'CONNECTION_BLOCKED',
        'you blocked this attendee at this event: neither side can ask again',
        {
          connectionId: c.connectionId,
        },
      )
    : new DomainError('CONNECTION_BLOCKED', 'this attendee cannot be asked at this event');

/** A block is the blocker's alone: the one blocked no longer sees the connection (not listed, not found). */
const hiddenFrom = (c: Connection, me: string): boolean => c.status === 'blocked' && c.blockedBy !== me;

export interface ConnectionRequest {
  targetId: string;
  type: ConnectionType;
  message?: string | undefined;
  meeting?: Meeting | undefined;
}

type ConnectionRequestDeps = Pick<Deps, 'attendees' | 'bookings' | 'clock' | 'connections' | 'events'> &
  AccessDeps;

/**
 * Asks `input.targetId` for a connection. Both must hold a live booking of the event. The pair's
 * one connection is created with a condition, so of two requests at once (either direction)
 * exactly one wins; the other answers CONNECTION_EXISTS. A pair declined earlier is asked again
 * only by the one who declined; a blocked pair never.
 */
export const requestConnection = async (
  deps: ConnectionRequestDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  input: ConnectionRequest,
): Promise<Connection> => {
  const me = await actingAttendee(deps, principal, orgId);
  if (input.targetId === me.attendeeId) {
    throw validationFailed([{ field: 'targetId', message: 'is you: ask another attendee' }]);
  }
  const now = deps.clock.now();
  if (input.meeting && Date.parse(input.meeting.at) <= now.getTime()) {
    throw validationFailed([{ field: 'meeting.at', message: 'must be in the future' }]);
  }
  const [event, target] = await Promise.all([
    deps.events.get(orgId, eventId),
    deps.attendees.get(orgId, input.targetId),
  ]);
  if (!event || event.deleting) throw notFound('event');
  if (!target) throw notFound('attendee');
  const [mine, theirs] = await Promise.all([
    holdsLiveBooking(deps, orgId, eventId, me),
    holdsLiveBooking(deps, orgId, eventId, target),
  ]);
  if (!mine) throw notAtEvent(me.attendeeId, 'you hold');
  if (!theirs) throw notAtEvent(target.attendeeId, 'the attendee holds');

  const at = now.toISOString();
  const connection: Connection = {
    orgId,
    eventId,
    connectionId: derivedId('cnx', orgId, eventId, ...sortedPair(me.attendeeId, target.attendeeId)),
    requesterId: me.attendeeId,
    targetId: target.attendeeId,
    type: input.type,
    status: 'pending',
    message: input.message ?? null,
    meeting: input.meeting ?? null,
    blockedBy: null,
    requestedBy: principal.sub,
    answeredAt: null,
    createdAt: at,
    updatedAt: at,
  };
  for (;;) {
    if (await deps.connections.create(connection)) return connection;
    const current = await deps.connections.get(orgId, eventId, connection.connectionId);
    if (!current) continue;
    if (current.status === 'blocked') throw blocked(current, me.attendeeId);
    if (current.status !== 'declined' || current.targetId !== me.attendeeId) throw exists(current);
    // The one who declined asks after all: the pair's connection becomes their pending request.
    const again: Connection = { ...connection, createdAt: current.createdAt };
    if (await deps.connections.replace(current, again)) return again;
  }
};

export interface ConnectionRef {
  orgId: string;
  eventId: string;
  connectionId: string;
}

type ConnectionChangeDeps = Pick<Deps, 'attendees' | 'clock' | 'connections'> & AccessDeps;

/** The connection as one of its sides sees it; anyone else gets NOT_FOUND. */
const readAsSide = async (deps: ConnectionChangeDeps, principal: Principal, ref: ConnectionRef) => {
  const me = await actingAttendee(deps, principal, ref.orgId);
  const connection = await deps.connections.get(ref.orgId, ref.eventId, ref.connectionId);
  if (!connection || !isSide(connection, me.attendeeId) || hiddenFrom(connection, me.attendeeId))
    throw notFound('connection');
  return { me, connection };
};

/**
 * Applies `decide` to the connection until it holds: a conditional write on the status read, read
 * again when another change came first. `decide` answers the next connection, or the current one
 * when there is nothing to change (a retry gets the same answer, nothing changed twice).
 */
const changeConnection = async (
  deps: ConnectionChangeDeps,
  principal: Principal,
  ref: ConnectionRef,
  decide: (c: Connection, me: string, at: string) => Connection,
): Promise<Connection> => {
  let { me, connection } = await readAsSide(deps, principal, ref);
  for (;;) {
    const next = decide(connection, me.attendeeId, deps.clock.now().toISOString());
    if (next === connection) return connection;
    if (await deps.connections.replace(connection, next)) return next;
    const again = await deps.connections.get(ref.orgId, ref.eventId, ref.connectionId);
    if (!again) throw notFound('connection');
    connection = again;
  }
};

/** The target accepts or declines a pending request; the same answer again changes nothing. */
export const answerConnection = (
  deps: ConnectionChangeDeps,
  principal: Principal,
  ref: ConnectionRef,
  to: 'accepted' | 'declined',
): Promise<Connection> =>
  changeConnection(deps, principal, ref, (c, me, at) => {
    if (c.targetId !== me) {
      throw new DomainError('NOT_CONNECTION_TARGET', 'only the attendee asked may accept or decline', {
        connectionId: c.connectionId,
      });
    }
    if (c.status === to) return c;
    if (c.status === 'blocked') throw blocked(c, me);
    if (c.status !== 'pending') {
      throw new DomainError('INVALID_TRANSITION', `the connection is ${c.status}; it cannot be ${to}`, {
        currentStatus: c.status,
      });
    }
    return { ...c, status: to, answeredAt: at, updatedAt: at };
  });

/** Either side blocks the other, whatever the status: final. Blocking again changes nothing. */
export const blockConnection = (
  deps: ConnectionChangeDeps,
  principal: Principal,
  ref: ConnectionRef,
): Promise<Connection> =>
  changeConnection(deps, principal, ref, (c, me, at) => {
    if (c.status === 'blocked') {
      if (c.blockedBy === me) return c;
      throw blocked(c, me);
    }
    return { ...c, status: 'blocked', blockedBy: me, answeredAt: at, updatedAt: at };
  });

/**
 * The caller's connections of the event (as requester or target), optionally of one status; those
 * the other side blocked are left out (a page may then hold fewer than asked; its cursor goes on).
 */
export const listMyConnections = async (
  deps: Pick<Deps, 'attendees' | 'connections'> & AccessDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  status: ConnectionStatus | undefined,
  page: PageRequest,
): Promise<Page<Connection>> => {
  const me = await actingAttendee(deps, principal, orgId);
  const found = await deps.connections.listOf(orgId, eventId, me.attendeeId, status, page);
  return { ...found, items: found.items.filter((c) => !hiddenFrom(c, me.attendeeId)) };
};

/** Every connection of the event, optionally of one status: staff who may read attendees. */
export const listEventConnections = async (
  deps: Pick<Deps, 'connections'> & AccessDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  status: ConnectionStatus | undefined,
  page: PageRequest,
): Promise<Page<Connection>> => {
  await authorize(deps, orgId, principal, 'attendee.read');
  return deps.connections.listByEvent(orgId, eventId, status, page);
};
