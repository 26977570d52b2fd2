/**
 * Networking between attendees of one event: one attendee asks another for a connection (its
 * kind, a message, optionally a meeting at a time and place); the other accepts or declines;
 * either may block. One connection per event and unordered pair of attendees.
 */

export type ConnectionType = 'business' | 'collaboration' | 'mentorship' | 'friendship';
export const connectionTypes: readonly ConnectionType[] = [
  'business',
  'collaboration',
  'mentorship',
  'friendship',
];

/**
 * `pending` until its target answers: `accepted` or `declined`. Either side may move any
 * connection to `blocked`, which is final. A declined pair may be asked again by the one who
 * declined (it becomes their pending request), never by the one declined.
 */
export type ConnectionStatus = 'pending' | 'accepted' | 'declined' | 'blocked';
export const connectionStatuses: readonly ConnectionStatus[] = ['pending', 'accepted', 'declined', 'blocked'];

/** A meeting the requester proposes with the request. */
export interface Meeting {
  /** UTC instant, in the future when asked. */
  at: string;
  place: string;
}

export interface Connection {
  orgId: string;
  eventId: string;
  /** Derived from the event and the two attendee ids sorted: the same for A->B and B->A. */
  connectionId: string;
  /** The attendee who asked (last), and the one asked. */
  requesterId: string;
  targetId: string;
  type: ConnectionType;
  status: ConnectionStatus;
  message: string | null;
  meeting: Meeting | null;
  /** The attendee who blocked (status `blocked`). */
  blockedBy: string | null;
  /** The signed-in user who asked. */
  requestedBy: string;
  /** When the target accepted or declined, or a side blocked. */
  answeredAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The two attendee ids of a pair, sorted: the order the connection's id is derived in. */
export const sortedPair = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);

/** The other side of the connection from `attendeeId`'s. */
export const otherSide = (c: Connection, attendeeId: string): string =>
  c.requesterId === attendeeId ? c.targetId : c.requesterId;

export const isSide = (c: Connection, attendeeId: string): boolean =>
  c.requesterId === attendeeId || c.targetId === attendeeId;
