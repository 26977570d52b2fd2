import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import type { WaitlistStore } from '../domain/waitlist-ports.js';
import { toEntry, toSlot } from './waitlist-items.js';
import { purgeSessionWaitlist } from './waitlist-purge.js';
import { waitlistWrites } from './waitlist-writes.js';

export const dynamoWaitlistStore = (service: EventlyService): WaitlistStore => {
  const { waitlistEntry, waitlistSlot, waitlistMeta } = service.entities;
  const writes = waitlistWrites(service);

  const getInSession = async (orgId: string, sessionId: string, entryId: string) => {
    const { data } = await waitlistEntry.get({ orgId, sessionId, entryId }).go({ consistent: true });
    return data ? toEntry(data) : undefined;
  };

  return {
    async reservePosition(orgId, sessionId) {
      const { data } = await waitlistMeta
        .update({ orgId, sessionId })
        .add({ lastPosition: 1 })
        .go({ response: 'all_new' });
      // ElectroDB types an update's answer as partial; ALL_NEW after `add` always holds the counter.
      if (data.lastPosition === undefined) throw new Error('the waitlist counter answered no position');
      return data.lastPosition;
    },

    // Conflicts and throttles are sent again by commitTransaction itself.
    join: writes.join,

    async get(orgId, entryId) {
      // The id index is eventually consistent: it only finds the session, the table read is current.
      const { data } = await waitlistEntry.query.byId({ orgId, entryId }).go({ attributes: ['sessionId'] });
      const sessionId = data[0]?.sessionId;
      return sessionId ? getInSession(orgId, sessionId, entryId) : undefined;
    },

    getInSession,

    async line(orgId, sessionId, limit) {
      const { data } = await waitlistSlot.query
        .byLine({ orgId, sessionId })
        .go(limit ? { consistent: true, limit } : { consistent: true, pages: 'all' });
      return data.map(toSlot);
    },

    listBySession: (orgId, sessionId, status, page) =>
      queryPage(
        `waitlist:${orgId}:${sessionId}:${status ?? 'all'}`,
        page,
        (opts) =>
          status
            ? waitlistEntry.query
                .bySession({ orgId, sessionId })
                .where((a, { eq }) => eq(a.status, status))
                .go(opts)
            : waitlistEntry.query.bySession({ orgId, sessionId }).go(opts),
        toEntry,
      ),

    listByUser: (userId, page) =>
      queryPage(
        `waitlist:user:${userId}`,
        page,
        (opts) => waitlistEntry.query.byUser({ listedUser: userId }).go({ ...opts, order: 'desc' }),
        toEntry,
      ),

    leave: writes.leave,
    move: writes.move,
    offer: writes.offer,

    markResponded: writes.markResponded,

    purgeSession: (orgId, sessionId, limit) => purgeSessionWaitlist(service, orgId, sessionId, limit),
  };
};
