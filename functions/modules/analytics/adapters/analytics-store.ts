import type { EntityItem } from 'electrodb';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { commitTransaction } from '../../../kernel/dynamo/transactions.js';
import type { EventAnalyticsHead, SessionAnalytics } from '../domain/model.js';
import type { AnalyticsStore } from '../domain/ports.js';

/** The scope of the event's head item; a session's item is scoped by its id. */
const eventScope = 'event';

/**
 * Items per transaction: each session's figures go with a check of its session (two items), beside
 * one check of the event, inside DynamoDB's 100.
 */
const sessionsPerTransaction = 49;

type SnapshotItem = Pick<
  EntityItem<EventlyService['entities']['analyticsSnapshot']>,
  'orgId' | 'eventId' | 'scope' | 'figures' | 'computedAt'
>;

/**
 * An event's analytics snapshot: its head and its sessions' figures, in the event's partition.
 * Written in transactions that check the event, and each session, is not being deleted: a refresh
 * that read them before a cascade marked them cannot write after the cascade purged the snapshot
 * (the mark comes first, so anything committed before it is purged, and nothing commits after).
 */
export const dynamoAnalyticsStore = (service: EventlyService): AnalyticsStore => {
  const { analyticsSnapshot } = service.entities;

  return {
    async put(head, sessions) {
      const { orgId, eventId } = head;
      const items: SnapshotItem[] = [
        { orgId, eventId, scope: eventScope, figures: JSON.stringify(head), computedAt: head.computedAt },
        ...sessions.map((s) => ({
          orgId,
          eventId,
          scope: s.sessionId,
          figures: JSON.stringify(s),
          computedAt: s.computedAt,
        })),
      ];
      for (let i = 0; i < items.length; i += sessionsPerTransaction) {
        let chunk = items.slice(i, i + sessionsPerTransaction);
        // A session found deleting is left out and the rest sent again; the event gone ends the write.
        while (chunk.length > 0) {
          const { committed, failed } = await commitTransaction(service, (tx) => [
            {
              label: eventScope,
              write: tx.event
                .check({ orgId, eventId })
                .where(({ deleting }, { eq }) => eq(deleting, false))
                .commit(),
              fails: 'refused' as const,
            },
            ...chunk.flatMap((item) => [
              { label: `put#${item.scope}`, write: tx.analyticsSnapshot.put(item).commit() },
              ...(item.scope === eventScope
                ? []
                : [
                    {
                      label: item.scope,
                      write: tx.session
                        .check({ orgId, sessionId: item.scope })
                        .where(({ deleting }, { eq }) => eq(deleting, false))
                        .commit(),
                      fails: 'refused' as const,
                    },
                  ]),
            ]),
          ]);
          if (committed) break;
          if (failed.has(eventScope)) return false;
          chunk = chunk.filter((item) => !failed.has(item.scope));
        }
      }
      return true;
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
