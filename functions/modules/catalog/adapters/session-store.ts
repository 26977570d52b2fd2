import { notFound } from '../../../kernel/domain/errors.js';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { commitTransaction } from '../../../kernel/dynamo/transactions.js';
import type { Session } from '../domain/session.js';
import type { SessionStore } from '../domain/session-ports.js';
import { voidClaims } from './counter-claims.js';
import { counterShardStore, openShardCount, stampItems, withOpenCount } from './counter-shard-store.js';
import { aggregate } from './counter-shards.js';
import { sessionCancellationWrites } from './session-cancellation.js';
import { closedStamp, roomOf, slotOf, toSession } from './session-items.js';
import { sessionScheduleWrites } from './session-schedule-writes.js';

export const dynamoSessionStore = (service: EventlyService): SessionStore => {
  const { session, roomSlot, roomVersion } = service.entities;
  const keyOf = (orgId: string, sessionId: string) => ({ orgId, sessionId });

  const get = async (orgId: string, sessionId: string) => {
    const { data } = await session.get(keyOf(orgId, sessionId)).go({ consistent: true });
    return data ? toSession(data) : undefined;
  };

  // Every counter item of the session as of one instant, summed.
  const getCounter = async (orgId: string, sessionId: string) => {
    const state = await counterShardStore(service).snapshot(keyOf(orgId, sessionId));
    return state ? aggregate(state) : undefined;
  };

  const writes = sessionScheduleWrites(service, get, getCounter);

  const removeSession = async (s: Session): Promise<number> => {
    const ref = keyOf(s.orgId, s.sessionId);
    // Claims a crashed booking left behind (counter-claims.ts).
    await voidClaims(service, ref);
    // Bookings are gone by now (the cascade removes them first): no shard opens meanwhile.
    const count = (await openShardCount(service, ref)) ?? 1;
    await commitTransaction(service, (tx) => [
      { label: 'session', write: tx.session.delete(ref).commit() },
      { label: 'counter', write: tx.sessionCounter.delete(ref).commit() },
      ...Array.from({ length: count - 1 }, (_, i) => ({
        label: 'counter shard',
        write: tx.sessionCounterShard.delete({ ...ref, shard: i + 1 }).commit(),
      })),
      { label: 'slot', write: tx.roomSlot.delete(slotOf(s)).commit() },
    ]);
    return 2 + count;
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
      return { version: version?.version ?? 0, retired: version?.retired === true, slots };
    },

    async roomUse(room) {
      // The version first, as for the schedule: a slot added after it moves it on.
      const { data: version } = await roomVersion.get(room).go({ consistent: true });
      const { data } = await roomSlot.query.byRoom(room).go({ limit: 1, consistent: true });
      return { roomId: room.roomId, version: version?.version ?? 0, inUse: data.length > 0 };
    },

    create: writes.create,

    listByEvent: (orgId, eventId, page) =>
      queryPage(
        `sessions:${orgId}:${eventId}`,
        page,
        (opts) => session.query.byEvent({ orgId, eventId }).go(opts),
        toSession,
      ),

    update: writes.update,

    ...sessionCancellationWrites(service, get),

    async markDeleting(orgId, sessionId, at) {
      const ref = keyOf(orgId, sessionId);
      const { committed } = await withOpenCount(service, ref, (count) =>
        commitTransaction(service, (tx) => [
          {
            label: 'session',
            write: tx.session.patch(ref).set({ deleting: true, updatedAt: at }).commit(),
            fails: 'refused',
          },
          ...stampItems(tx, ref, count, closedStamp(at)),
        ]),
      );
      if (!committed) throw notFound('session');
      await voidClaims(service, ref);
    },

    async unmarkDeleting(orgId, sessionId, at) {
      // Not marked (any more): nothing to take back.
      const ref = keyOf(orgId, sessionId);
      await withOpenCount(service, ref, (count) =>
        commitTransaction(service, (tx) => [
          {
            label: 'session',
            write: tx.session
              .patch(ref)
              .set({ deleting: false, updatedAt: at })
              .where(({ deleting }, { eq }) => eq(deleting, true))
              .commit(),
            fails: 'refused',
          },
          ...stampItems(tx, ref, count, at),
        ]),
      );
      await voidClaims(service, ref);
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

    async pageOfOrg(orgId, limit, cursor) {
      const { data, cursor: next } = await session.query
        .byOrg({ orgId })
        .go({ limit, cursor: cursor ?? null });
      return { sessions: data.map(toSession), cursor: next };
    },

    async listIdsOfOrg(orgId, limit) {
      const { data } = await session.query.byOrg({ orgId }).go({ limit, attributes: ['sessionId'] });
      return data.map((d) => d.sessionId);
    },

    async purgeOrg(orgId, limit) {
      const { data } = await session.query.byOrg({ orgId }).go({ limit });
      let deleted = 0;
      for (const item of data) deleted += await removeSession(toSession(item));
      if (data.length < limit) {
        const { data: rooms } = await roomVersion.query.byOrg({ orgId }).go({ limit: limit - data.length });
        if (rooms.length > 0) await roomVersion.delete(rooms.map(roomOf)).go();
        deleted += rooms.length;
      }
      return deleted;
    },
  };
};
