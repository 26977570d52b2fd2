import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { commitTransaction, type TxEntities, type TxItem } from '../../../kernel/dynamo/transactions.js';
import { sessionCapacityReleased } from '../../notifications/index.js';
import type { CapacityCounter, Session } from '../domain/session.js';
import type { PlacesGuard, RoomRef, ScheduleWrite, SessionWrite } from '../domain/session-ports.js';
import { voidClaims } from './counter-claims.js';
import { counterShardStore, openShardCount, sameCount } from './counter-shard-store.js';
import { aggregate, type CounterState, type ShardState } from './counter-shards.js';
import { freshCounter, roomOf, slotOf, toSessionItem } from './session-items.js';

/**
 * The transactions that put sessions on a room's schedule: creating a series and changing one
 * session (its time, room, capacity or places), each conditional on the room's version as read.
 */

type CounterGuard = Exclude<PlacesGuard, { kind: 'places-free' }>;

const guardHolds = (guard: CounterGuard, counter: CapacityCounter | undefined): boolean =>
  counter !== undefined &&
  (guard.kind === 'none-live'
    ? counter.held === 0 && counter.confirmed === 0
    : counter.version === guard.version);

const sameSlot = (a: Session, b: Session) =>
  a.venueId === b.venueId && a.roomId === b.roomId && a.startsAt === b.startsAt;

/** Creates the room's version item at 1, or moves it from `expected` to the next, unless retired. */
const bumpVersion = (rv: TxEntities['roomVersion'], room: RoomRef, expected: number) =>
  expected === 0
    ? rv.create({ ...room, version: 1 }).commit()
    : rv
        .patch(room)
        .add({ version: 1 })
        .where(
          ({ version, retired }, { eq, notExists }) => `${eq(version, expected)} AND ${notExists(retired)}`,
        )
        .commit();

/**
 * The counter's part in a change of a session with one counter item: the session's new version
 * (`sessionStamp`, which bookings check), a new capacity (never below what is held or confirmed
 * when it shrinks), and the guard of a change of places, as one conditional write; and no shard
 * opened since read.
 */
const counterChange = (
  counter: TxEntities['sessionCounter'],
  key: { orgId: string; sessionId: string },
  change: { capacity: number; delta: number; guard: PlacesGuard | undefined; sessionStamp: string },
) => {
  const { capacity, delta, guard, sessionStamp } = change;
  const stamped = counter
    .patch(key)
    .set({ sessionStamp, ...(delta !== 0 ? { capacity: capacity + delta } : {}) });
  const patch = delta !== 0 ? stamped.add({ available: delta, version: 1 }) : stamped;
  return patch
    .where((a, { eq, gte, notExists }) =>
      [
        sameCount(a.shards, 1, { eq, notExists }),
        ...(delta !== 0 ? [eq(a.capacity, capacity)] : []),
        ...(delta < 0 ? [gte(a.available, -delta)] : []),
        ...(guard?.kind === 'none-live' ? [eq(a.held, 0), eq(a.confirmed, 0)] : []),
        ...(guard?.kind === 'counter-at' ? [eq(a.version, guard.version)] : []),
      ].join(' AND '),
    )
    .commit();
};

/**
 * The counter's part in a change of a session split over several counter items: every shard's
 * places swept back to the main counter with the session's new version, and the new capacity
 * applied there, each item conditional on its version as read, so the guard and the capacity
 * check made on that read hold when the change lands.
 */
const shardedCounterChange = (
  tx: TxEntities,
  key: { orgId: string; sessionId: string },
  state: CounterState,
  change: { capacity: number; delta: number; sessionStamp: string },
  sweep: (
    tx: TxEntities,
    ref: typeof key,
    state: CounterState,
    stamp: string,
  ) => { items: TxItem[]; swept: number },
): TxItem[] => {
  const { capacity, delta, sessionStamp } = change;
  const main = state.shards[0] as ShardState;
  const { items, swept } = sweep(tx, key, state, sessionStamp);
  return [
    {
      label: 'counter',
      write: tx.sessionCounter
        .patch(key)
        .set({ sessionStamp, ...(delta !== 0 ? { capacity: capacity + delta } : {}) })
        .add({ available: swept + delta, version: 1 })
        .where((a, { eq }) => eq(a.version, main.version))
        .commit(),
      fails: 'refused',
    },
    ...items,
  ];
};

export const sessionScheduleWrites = (
  service: EventlyService,
  get: (orgId: string, sessionId: string) => Promise<Session | undefined>,
  getCounter: (orgId: string, sessionId: string) => Promise<CapacityCounter | undefined>,
) => {
  const { event } = service.entities;
  const shardStore = counterShardStore(service);

  const whyEventFailed = async (orgId: string, eventId: string): Promise<DomainError> => {
    const { data } = await event.get({ orgId, eventId }).go({ consistent: true });
    if (!data) return notFound('event');
    if (data.deleting) return new DomainError('EVENT_DELETING', 'the event is being deleted');
    return new DomainError('CONFLICT', 'the event was changed meanwhile; try again');
  };

  const whySessionFailed = async (orgId: string, sessionId: string): Promise<DomainError> => {
    const now = await get(orgId, sessionId);
    if (!now) return notFound('session');
    if (now.deleting) return new DomainError('SESSION_DELETING', 'the session is being deleted');
    return new DomainError('CONFLICT', 'the session was changed by someone else meanwhile; read it again');
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

  const create = async (
    sessions: readonly Session[],
    expectedVersion: number,
    eventStamp: string,
  ): Promise<ScheduleWrite> => {
    const first = sessions[0];
    if (!first) return 'written';
    const { committed } = await commitTransaction(service, (tx) => [
      {
        label: 'room version',
        write: bumpVersion(tx.roomVersion, roomOf(first), expectedVersion),
        fails: 'refused',
      },
      {
        label: 'event',
        // Unchanged since read too: the new counters carry this version of it (eventStamp).
        write: tx.event
          .check({ orgId: first.orgId, eventId: first.eventId })
          .where(
            ({ deleting, updatedAt }, { eq }) => `${eq(deleting, false)} AND ${eq(updatedAt, eventStamp)}`,
          )
          .commit(),
        fails: () => whyEventFailed(first.orgId, first.eventId),
      },
      {
        label: 'venue',
        // The venue too: its cascade removes events without marking each one deleting first.
        write: tx.venue
          .check({ orgId: first.orgId, venueId: first.venueId })
          .where(({ deleting }, { eq }) => eq(deleting, false))
          .commit(),
        fails: new DomainError('VENUE_DELETING', "the event's venue is being deleted"),
      },
      ...sessions.flatMap((s) => [
        { label: 'session', write: tx.session.create(toSessionItem(s)).commit() },
        { label: 'counter', write: tx.sessionCounter.create(freshCounter(s, eventStamp)).commit() },
        { label: 'slot', write: tx.roomSlot.create(slotOf(s)).commit() },
      ]),
    ]);
    return committed ? 'written' : 'schedule-changed';
  };

  const updateOnce = async (
    current: Session,
    next: Session,
    expectedVersion: number,
    guard: PlacesGuard | undefined,
    state: CounterState | undefined,
  ): Promise<SessionWrite | 'again'> => {
    const { orgId, sessionId } = current;
    const key = { orgId, sessionId };
    const delta = next.capacity - current.capacity;
    const moved = !sameSlot(current, next) || current.endsAt !== next.endsAt;
    const counterGuarded = guard !== undefined && guard.kind !== 'places-free';
    const freePlaces = guard?.kind === 'places-free' ? guard.labels : [];
    const sharded = state !== undefined && state.shards.length > 1;
    if (sharded) {
      const sum = aggregate(state);
      if (counterGuarded && !guardHolds(guard, sum)) return 'bookings-changed';
      if (delta < 0 && sum.available + delta < 0) return whyCounterFailed(orgId, sessionId);
    }
    const { committed, failed } = await commitTransaction(service, (tx) => [
      {
        label: 'session',
        write: tx.session
          .put(toSessionItem(next))
          .where(
            ({ updatedAt, deleting }, { eq }) =>
              `${eq(updatedAt, current.updatedAt)} AND ${eq(deleting, false)}`,
          )
          .commit(),
        fails: () => whySessionFailed(orgId, sessionId),
      },
      ...(sharded
        ? shardedCounterChange(
            tx,
            key,
            state,
            { capacity: current.capacity, delta, sessionStamp: next.updatedAt },
            shardStore.sweepItems,
          )
        : [
            {
              label: 'counter',
              write: counterChange(tx.sessionCounter, key, {
                capacity: current.capacity,
                delta,
                guard,
                sessionStamp: next.updatedAt,
              }),
              fails: 'refused' as const,
            },
          ]),
      // A removed place must still be free: a booking holding it now makes the change fail.
      ...freePlaces.map((label) => ({
        label: 'place',
        write: tx.bookingSeat
          .check({ orgId, sessionId, label })
          .where(({ bookingId }, { notExists }) => notExists(bookingId))
          .commit(),
        fails: 'refused' as const,
      })),
      ...(moved
        ? [
            {
              label: 'room version',
              write: bumpVersion(tx.roomVersion, roomOf(next), expectedVersion),
              fails: 'refused' as const,
            },
            { label: 'slot', write: tx.roomSlot.put(slotOf(next)).commit() },
          ]
        : []),
      ...(moved && !sameSlot(current, next)
        ? [{ label: 'old slot', write: tx.roomSlot.delete(slotOf(current)).commit() }]
        : []),
      // More places: the waitlist may be offered them.
      ...(delta > 0
        ? [
            {
              label: 'capacity released',
              write: sessionCapacityReleased(tx, {
                orgId,
                sessionId,
                at: next.updatedAt,
                key: `${sessionId}#capacity#${next.updatedAt}`,
                payload: { seats: delta, reason: 'capacity raised' },
              }),
            },
          ]
        : []),
    ]);
    if (committed) return 'written';
    // In item order: the first refusing item that failed explains the refusal.
    if (failed.has('counter') || failed.has('counter shard')) {
      // An item moved since read (sharded), or a shard opened meanwhile: read them again.
      if (sharded || ((await openShardCount(service, key)) ?? 1) > 1) return 'again';
      if (counterGuarded && !guardHolds(guard, await getCounter(orgId, sessionId))) return 'bookings-changed';
      return whyCounterFailed(orgId, sessionId);
    }
    if (failed.has('place')) return 'bookings-changed';
    return 'schedule-changed';
  };

  const update = async (
    current: Session,
    next: Session,
    expectedVersion: number,
    guard: PlacesGuard | undefined,
  ): Promise<SessionWrite> => {
    for (let i = 0; i < 5; i += 1) {
      const state = await shardStore.read({ orgId: current.orgId, sessionId: current.sessionId });
      const result = await updateOnce(current, next, expectedVersion, guard, state);
      // Bookings between their take and their commit lose to the change (counter-claims.ts).
      if (result === 'written')
        await voidClaims(service, { orgId: current.orgId, sessionId: current.sessionId });
      if (result !== 'again') return result;
    }
    throw new DomainError('CONFLICT', 'bookings kept changing the session meanwhile; try again');
  };

  return { create, update };
};
