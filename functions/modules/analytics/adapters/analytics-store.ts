import type { EventlyService } from '../../../kernel/dynamo/service.js';
import type { EventAnalyticsHead, SessionAnalytics } from '../domain/model.js';
import type { AnalyticsStore } from '../domain/ports.js';

/** The scope of the event's head item; a session's item is scoped by its id. */
const eventScope = 'event';

/** An event's analytics snapshot: its head and its sessions' figures, in the event's partition. */
export const dynamoAnalyticsStore = (service: EventlyService): AnalyticsStore => {
  const { analyticsSnapshot } = service.entities;

  return {
    async put(head, sessions) {
      const { orgId, eventId } = head;
      const items = [
        { orgId, eventId, scope: eventScope, figures: JSON.stringify(head), computedAt: head.computedAt },
        ...sessions.map((s) => ({
          orgId,
          eventId,
          scope: s.sessionId,
          figures: JSON.stringify(s),
          computedAt: s.computedAt,
        })),
      ];
      // Batch puts (ElectroDB splits them into requests of 25 and retries what is left unprocessed).
      const { unprocessed } = await analyticsSnapshot.put(items).go();
      if (unprocessed.length > 0) throw new Error(`analytics: ${unprocessed.length} items left unwritten`);
    },

    async get(orgId, eventId) {
      const { data } = await analyticsSnapshot.query
        .byEvent({ orgId, eventId })
        .go({ pages: 'all', consistent: true });
      const head = data.find((i) => i.scope === eventScope);
      if (!head) return undefined;
      return {
        head: JSON.parse(head.figures) as EventAnalyticsHead,
        sessions: data
          .filter((i) => i.scope !== eventScope)
          .map((i) => JSON.parse(i.figures) as SessionAnalytics),
      };
    },

    async removeSessions(orgId, eventId, sessionIds) {
      if (sessionIds.length === 0) return;
      await analyticsSnapshot.delete(sessionIds.map((scope) => ({ orgId, eventId, scope }))).go();
    },

    async purgeEvent(orgId, eventId, limit) {
      const { data } = await analyticsSnapshot.query
        .byEvent({ orgId, eventId })
        .go({ limit, attributes: ['orgId', 'eventId', 'scope'] });
      if (data.length > 0) await analyticsSnapshot.delete(data).go();
      return data.length;
    },
  };
};
