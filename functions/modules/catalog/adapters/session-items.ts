import type { CreateEntityItem, EntityItem } from 'electrodb';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import type { CapacityCounter, Seating, Session, SessionCancellation } from '../domain/session.js';
import type { sessionEntity } from './entities/session.js';

/** A session as stored: seating flattened into a mode and the list that mode needs. */
export type SessionItem = EntityItem<typeof sessionEntity>;

/** The flat attributes a cancellation is stored in. */
export const cancellationItem = (c: SessionCancellation) => ({
  cancelledAt: c.at,
  cancelledBy: c.by,
  cancelReason: c.reason,
  ...(c.completedAt ? { cancelCompletedAt: c.completedAt } : {}),
});

const cancellationOf = (i: SessionItem): SessionCancellation | null =>
  i.cancelledAt
    ? {
        at: i.cancelledAt,
        by: i.cancelledBy ?? '',
        reason: i.cancelReason ?? '',
        completedAt: i.cancelCompletedAt ?? null,
      }
    : null;

export const toSessionItem = ({
  seating,
  cancellation,
  ...rest
}: Session): CreateEntityItem<typeof sessionEntity> => ({
  ...toStored(rest),
  ...(cancellation ? cancellationItem(cancellation) : {}),
  seatingMode: seating.mode,
  ...(seating.mode === 'seated' ? { seats: seating.seats } : {}),
  ...(seating.mode === 'tables' ? { tables: seating.tables } : {}),
});

const seatingOf = (i: SessionItem): Seating => {
  if (i.seatingMode === 'seated') return { mode: 'seated', seats: i.seats ?? [] };
  if (i.seatingMode === 'tables') return { mode: 'tables', tables: i.tables ?? [] };
  return { mode: 'general' };
};

/** The session's own fields; seating and cancellation are stored flattened (above), `overbooked` only once set. */
const sessionFields = fromStored<
  Omit<Session, 'seating' | 'cancellation' | 'overbooked'>,
  Omit<SessionItem, 'overbooked'>
>({
  nullable: { seriesId: true, registrationDeadline: true },
  itemOnly: {
    seatingMode: true,
    seats: true,
    tables: true,
    cancelledAt: true,
    cancelledBy: true,
    cancelReason: true,
    cancelCompletedAt: true,
  },
});

export const toSession = ({ overbooked, ...i }: SessionItem): Session => ({
  ...sessionFields(i),
  overbooked: overbooked ?? 0,
  seating: seatingOf(i),
  cancellation: cancellationOf(i),
});

/**
 * The stamp of a session that takes no bookings (cancelled, being deleted): no version a booking
 * read can equal it, even when the change lands in the millisecond the session was last written.
 */
export const closedStamp = (at: string): string => `${at}#closed`;

/** A new session's counter: every place available, stamped with its event's version. */
export const freshCounter = (
  s: Session,
  eventStamp: string,
): CapacityCounter & { orgId: string; sessionId: string; eventStamp: string; sessionStamp: string } => ({
  orgId: s.orgId,
  sessionId: s.sessionId,
  capacity: s.capacity,
  available: s.capacity,
  held: 0,
  confirmed: 0,
  version: 0,
  eventStamp,
  sessionStamp: s.updatedAt,
});

export const slotOf = (s: Session) => ({
  orgId: s.orgId,
  venueId: s.venueId,
  roomId: s.roomId,
  startsAt: s.startsAt,
  sessionId: s.sessionId,
  eventId: s.eventId,
  endsAt: s.endsAt,
});

export const roomOf = (s: Pick<Session, 'orgId' | 'venueId' | 'roomId'>) => ({
  orgId: s.orgId,
  venueId: s.venueId,
  roomId: s.roomId,
});
