import { notFound } from '../../../kernel/domain/errors.js';
import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { commitTransaction } from '../../../kernel/dynamo/transactions.js';
import type { Session } from '../domain/session.js';
import type { SessionStore } from '../domain/session-ports.js';
import { sessionCancellationWrites } from './session-cancellation.js';
import { closedStamp, roomOf, slotOf, stampedCounter, toSession } from './session-items.js';
import { sessionScheduleWrites } from './session-schedule-writes.js';

export const dynamoSessionStore = (service: EventlyService): SessionStore => {
  const { session, sessionCounter, roomSlot, roomVersion } = service.entities;
  const keyOf = (orgId: string, sessionId: string) => ({ orgId, sessionId });

  const get = async (orgId: string, sessionId: string) => {
    const { data } = await session.get(keyOf(orgId, sessionId)).go({ consistent: true });
    return data ? toSession(data) : undefined;
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

  const writes = sessionScheduleWrites(service, get, getCounter);

  const removeSession = async (s: Session): Promise<number> => {
    await commitTransaction(service, (tx) => [
      { label: 'session', write: tx.session.delete(keyOf(s.orgId, s.sessionId)).commit() },
      { label: 'counter', write: tx.sessionCounter.delete(keyOf(s.orgId, s.sessionId)).commit() },
      { label: 'slot', write: tx.roomSlot.delete(slotOf(s)).commit() },
    ]);
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
      const { committed } = await commitTransaction(service, (tx) => [
        {
          label: 'session',
          write: tx.session.patch(keyOf(orgId, sessionId)).set({ deleting: true, updatedAt: at }).commit(),
          fails: 'refused',
        },
        { label: 'counter', write: stampedCounter(tx, orgId, sessionId, closedStamp(at)), fails: 'refused' },
      ]);
      if (!committed) throw notFound('session');
    },

    async unmarkDeleting(orgId, sessionId, at) {
      // Not marked (any more): nothing to take back.
      await commitTransaction(service, (tx) => [
        {
          label: 'session',
          write: tx.session
            .patch(keyOf(orgId, sessionId))
            .set({ deleting: false, updatedAt: at })
            .where(({ deleting }, { eq }) => eq(deleting, true))
            .commit(),
          fails: 'refused',
        },
        { label: 'counter', write: stampedCounter(tx, orgId, sessionId, at), fails: 'refused' },
      ]);
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
