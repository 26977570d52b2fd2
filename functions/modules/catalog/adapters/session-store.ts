import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { expectCommitted, isConditionFailure } from '../../../kernel/dynamo/transactions.js';
import { sessionCapacityReleased } from '../../bookings/adapters/booking-records.js';
import { sessionCancellationWrites } from '../../bookings/adapters/session-cancellation.js';
import type { CapacityCounter, Session } from '../domain/session.js';
import type { PlacesGuard, RoomRef, SessionStore, SessionWrite } from '../domain/session-ports.js';
import { freshCounter, roomOf, type SessionItem, slotOf, toSession, toSessionItem } from './session-items.js';

interface Outcome {
  canceled: boolean;
  data: ReadonlyArray<{ rejected: boolean; code: string }>;
}

/** What each item of a transaction stands for, to explain a failed condition. */
type Part = 'roomVersion' | 'event' | 'venue' | 'session' | 'counter' | 'place' | 'other';

const failedPart = (outcome: Outcome, parts: readonly Part[]): Part | undefined => {
  if (!outcome.canceled) return undefined;
  const i = outcome.data.findIndex((d) => d.code === 'ConditionalCheckFailed');
  return i < 0 ? undefined : parts[i];
};

type CounterGuard = Exclude<PlacesGuard, { kind: 'places-free' }>;

const guardHolds = (guard: CounterGuard, counter: CapacityCounter | undefined): boolean =>
  counter !== undefined &&
  (guard.kind === 'none-live'
    ? counter.held === 0 && counter.confirmed === 0
    : counter.version === guard.version);

const sameSlot = (a: Session, b: Session) =>
  a.venueId === b.venueId && a.roomId === b.roomId && a.startsAt === b.startsAt;

export const dynamoSessionStore = (service: EventlyService): SessionStore => {
  const { session, sessionCounter, roomSlot, roomVersion, event } = service.entities;
  const keyOf = (orgId: string, sessionId: string) => ({ orgId, sessionId });

  const get = async (orgId: string, sessionId: string) => {
    const { data } = await session.get(keyOf(orgId, sessionId)).go({ consistent: true });
    return data ? toSession(data as SessionItem) : undefined;
  };

  const getCounter = async (orgId: string, sessionId: string) => {
    const { data } = await sessionCounter.get(keyOf(orgId, sessionId)).go({ consistent: true });
    return data
      ? {
          capacity: data.capacity,
          available: data.available,
          held: data.held,
          confirmed: data.confirmed,
          version: data.version,
          waiting: data.waiting ?? 0,
        }
      : undefined;
  };

  /** Creates the room's version item at 1, or moves it from `expected` to the next. */
  type TxEntities = Parameters<Parameters<typeof service.transaction.write>[0]>[0];
  const bumpVersion = (rv: TxEntities['roomVersion'], room: RoomRef, expected: number) =>
    expected === 0
      ? rv.create({ ...room, version: 1 }).commit()
      : rv
          .patch(room)
          .add({ version: 1 })
          .where(({ version }, { eq }) => eq(version, expected))
          .commit();

  /**
   * The counter's part in a session change: a new capacity (never below what is held or confirmed
   * when it shrinks), and the guard of a change of places, as one conditional write.
   */
  const counterChange = (
    counter: TxEntities['sessionCounter'],
    key: { orgId: string; sessionId: string },
    capacity: number,
    delta: number,
    guard: PlacesGuard | undefined,
  ) => {
    type Attrs = {
      capacity: unknown;
      available: unknown;
      held: unknown;
      confirmed: unknown;
      version: unknown;
    };
    type Ops = { eq: (a: unknown, v: unknown) => string; gte: (a: unknown, v: unknown) => string };
    const conditions = (a: Attrs, { eq, gte }: Ops): string =>
      [
        ...(delta !== 0 ? [eq(a.capacity, capacity)] : []),
        ...(delta < 0 ? [gte(a.available, -delta)] : []),
        ...(guard?.kind === 'none-live' ? [eq(a.held, 0), eq(a.confirmed, 0)] : []),
        ...(guard?.kind === 'counter-at' ? [eq(a.version, guard.version)] : []),
      ].join(' AND ');
    return delta !== 0
      ? counter
          .patch(key)
          .set({ capacity: capacity + delta })
          .add({ available: delta, version: 1 })
          .where(conditions)
          .commit()
      : counter.check(key).where(conditions).commit();
  };

  const whySessionFailed = async (orgId: string, sessionId: string): Promise<never> => {
    const now = await get(orgId, sessionId);
    if (!now) throw notFound('session');
    if (now.deleting) throw new DomainError('SESSION_DELETING', 'the session is being deleted');
    throw new DomainError('CONFLICT', 'the session was changed by someone else meanwhile; read it again');
  };

  const whyCounterFailed = async (orgId: string, sessionId: string): Promise<never> => {
    const counter = await getCounter(orgId, sessionId);
    const taken = counter ? counter.held + counter.confirmed : 0;
    throw new DomainError(
      'CAPACITY_IN_USE',
      `${taken} places are held or confirmed; the capacity cannot go below that`,
      { held: counter?.held, confirmed: counter?.confirmed },
    );
  };

  const removeSession = async (s: Session): Promise<number> => {
    const outcome = await service.transaction
      .write(({ session: tx, sessionCounter: counter, roomSlot: slot }) => [
        tx.delete(keyOf(s.orgId, s.sessionId)).commit(),
        counter.delete(keyOf(s.orgId, s.sessionId)).commit(),
        slot.delete(slotOf(s)).commit(),
      ])
      .go();
    expectCommitted(outcome, []);
    return 3;
  };

  return {
    get,
    getCounter,

    async roomSchedule(room, from, to) {
      // The version first: a write landing after it makes the next conditional write fail.
      const { data: version } = await roomVersion.get(room).go({ consistent: true });
      const { data } = await roomSlot.query
        .byRoom(room)
        .between({ startsAt: from }, { startsAt: to })
        .go({ consistent: true, pages: 'all' });
      const slots = data
        .filter((s) => s.startsAt >= from && s.startsAt < to)
        .map(({ sessionId, eventId, startsAt, endsAt }) => ({ sessionId, eventId, startsAt, endsAt }));
      return { version: version?.version ?? 0, slots };
    },

    async roomInUse(room) {
      const { data } = await roomSlot.query.byRoom(room).go({ limit: 1 });
      return data.length > 0;
    },

    async create(sessions, expectedVersion) {
      const first = sessions[0];
      if (!first) return 'written';
      const parts: Part[] = [
        'roomVersion',
        'event',
        'venue',
        ...sessions.flatMap((): Part[] => ['other', 'other', 'other']),
      ];
      const outcome = await service.transaction
        .write(
          ({
            event: ev,
            venue: v,
            session: tx,
            sessionCounter: counter,
            roomSlot: slot,
            roomVersion: rv,
          }) => [
            bumpVersion(rv, roomOf(first), expectedVersion),
            ev
              .check({ orgId: first.orgId, eventId: first.eventId })
              .where(({ deleting }, { eq }) => eq(deleting, false))
              .commit(),
            // The venue too: its cascade removes events without marking each one deleting first.
            v
              .check({ orgId: first.orgId, venueId: first.venueId })
              .where(({ deleting }, { eq }) => eq(deleting, false))
              .commit(),
            ...sessions.flatMap((s) => [
              tx.create(toSessionItem(s)).commit(),
              counter.create(freshCounter(s)).commit(),
              slot.create(slotOf(s)).commit(),
            ]),
          ],
        )
        .go();
      const failed = failedPart(outcome, parts);
      if (failed === 'roomVersion') return 'schedule-changed';
      if (failed === 'event') {
        const { data } = await event
          .get({ orgId: first.orgId, eventId: first.eventId })
          .go({ consistent: true });
        if (!data) throw notFound('event');
        throw new DomainError('EVENT_DELETING', 'the event is being deleted');
      }
      if (failed === 'venue') throw new DomainError('VENUE_DELETING', "the event's venue is being deleted");
      expectCommitted(outcome, []);
      return 'written';
    },

    listByEvent: (orgId, eventId, page) =>
      queryPage(
        `sessions:${orgId}:${eventId}`,
        page,
        (opts) => session.query.byEvent({ orgId, eventId }).go(opts),
        (i) => toSession(i as SessionItem),
      ),

    async update(current, next, expectedVersion, guard): Promise<SessionWrite> {
      const { orgId, sessionId } = current;
      const delta = next.capacity - current.capacity;
      const moved = !sameSlot(current, next) || current.endsAt !== next.endsAt;
      const counterGuarded = guard !== undefined && guard.kind !== 'places-free';
      const freePlaces = guard?.kind === 'places-free' ? guard.labels : [];
      const touchesCounter = delta !== 0 || counterGuarded;
      const parts: Part[] = [
        'session',
        ...(touchesCounter ? (['counter'] as const) : []),
        ...freePlaces.map((): Part => 'place'),
        ...(moved ? (['roomVersion', 'other'] as const) : []),
        ...(moved && !sameSlot(current, next) ? (['other'] as const) : []),
      ];
      const outcome = await service.transaction
        .write((entities) => [
          entities.session
            .put(toSessionItem(next))
            .where(
              ({ updatedAt, deleting }, { eq }) =>
                `${eq(updatedAt, current.updatedAt)} AND ${eq(deleting, false)}`,
            )
            .commit(),
          ...(touchesCounter
            ? [
                counterChange(
                  entities.sessionCounter,
                  keyOf(orgId, sessionId),
                  current.capacity,
                  delta,
                  guard,
                ),
              ]
            : []),
          // A removed place must still be free: a booking holding it now makes the change fail.
          ...freePlaces.map((label) =>
            entities.bookingSeat
              .check({ orgId, sessionId, label })
              .where(({ bookingId }, { notExists }) => notExists(bookingId))
              .commit(),
          ),
          ...(moved
            ? [
                bumpVersion(entities.roomVersion, roomOf(next), expectedVersion),
                entities.roomSlot.put(slotOf(next)).commit(),
              ]
            : []),
          ...(moved && !sameSlot(current, next) ? [entities.roomSlot.delete(slotOf(current)).commit()] : []),
          // More places: the waitlist may be offered them (after the items `parts` explains).
          ...(delta > 0
            ? [
                sessionCapacityReleased(entities, {
                  orgId,
                  sessionId,
                  at: next.updatedAt,
                  key: `${sessionId}#capacity#${next.updatedAt}`,
                  payload: { seats: delta, reason: 'capacity raised' },
                }),
              ]
            : []),
        ])
        .go();
      const failed = failedPart(outcome, parts);
      if (failed === 'roomVersion') return 'schedule-changed';
      if (failed === 'session') return whySessionFailed(orgId, sessionId);
      if (failed === 'place') return 'bookings-changed';
      if (failed === 'counter') {
        if (counterGuarded && !guardHolds(guard, await getCounter(orgId, sessionId)))
          return 'bookings-changed';
        return whyCounterFailed(orgId, sessionId);
      }
      expectCommitted(outcome, []);
      return 'written';
    },

    ...sessionCancellationWrites(service, get),

    async markDeleting(orgId, sessionId, at) {
      try {
        await session.patch(keyOf(orgId, sessionId)).set({ deleting: true, updatedAt: at }).go();
      } catch (err) {
        if (isConditionFailure(err)) throw notFound('session');
        throw err;
      }
    },

    async unmarkDeleting(orgId, sessionId, at) {
      try {
        await session
          .patch(keyOf(orgId, sessionId))
          .set({ deleting: false, updatedAt: at })
          .where(({ deleting }, { eq }) => eq(deleting, true))
          .go();
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
      }
    },

    async remove(orgId, sessionId) {
      const s = await get(orgId, sessionId);
      return s ? removeSession(s) : 0;
    },

    async listIdsByEvent(orgId, eventId, limit, cursor) {
      const { data, cursor: next } = await session.query
        .byEvent({ orgId, eventId })
        .go({ limit, cursor: cursor ?? null, attributes: ['sessionId'] });
      return { ids: data.map((d) => d.sessionId), cursor: next };
    },

    async listAllIdsOfOrg(orgId) {
      const { data } = await session.query.byOrg({ orgId }).go({ pages: 'all', attributes: ['sessionId'] });
      return data.map((d) => d.sessionId);
    },

    async listIdsOfOrg(orgId, limit) {
      const { data } = await session.query.byOrg({ orgId }).go({ limit, attributes: ['sessionId'] });
      return data.map((d) => d.sessionId);
    },

    async purgeOrg(orgId, limit) {
      const { data } = await session.query.byOrg({ orgId }).go({ limit });
      let deleted = 0;
      for (const item of data) deleted += await removeSession(toSession(item as SessionItem));
      if (data.length < limit) {
        const { data: rooms } = await roomVersion.query.byOrg({ orgId }).go({ limit: limit - data.length });
        if (rooms.length > 0) await roomVersion.delete(rooms.map(roomOf)).go();
        deleted += rooms.length;
      }
      return deleted;
    },
  };
};
