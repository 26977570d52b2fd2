import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { commitTransaction } from '../../../kernel/dynamo/transactions.js';
import type { FeedbackStore } from '../domain/ports.js';
import { scopeOf, storedFeedback, toFeedback, toTotals, totalsAdded } from './feedback-items.js';

export const dynamoFeedbackStore = (service: EventlyService): FeedbackStore => {
  const { feedback, feedbackGiver, feedbackTotals } = service.entities;

  return {
    async create(item, giverKey) {
      const { committed } = await commitTransaction(service, (tx) => [
        {
          label: 'giver',
          write: tx.feedbackGiver
            .create({ orgId: item.orgId, eventId: item.eventId, scope: scopeOf(item.sessionId), giverKey })
            .commit(),
          fails: 'refused',
        },
        { label: 'totals', write: totalsAdded(tx, item) },
        { label: 'feedback', write: tx.feedback.create(storedFeedback(item)).commit() },
      ]);
      return committed;
    },

    list: (orgId, eventId, sessionId, page) =>
      queryPage(
        `feedback:${orgId}:${eventId}:${sessionId ?? ''}`,
        page,
        (opts) =>
          feedback.query
            .byEvent({ orgId, eventId, ...(sessionId ? { scope: scopeOf(sessionId) } : {}) })
            .go(opts),
        toFeedback,
      ),

    async totalsOfEvent(orgId, eventId) {
      const { data } = await feedbackTotals.query
        .byEvent({ orgId, eventId })
        .go({ consistent: true, pages: 'all' });
      return data.map(toTotals);
    },

    async averagesOfSessions(orgId, sessionIds) {
      const found = await Promise.all(
        [...new Set(sessionIds)].map(async (sessionId) => {
          const { data } = await feedbackTotals.query
            .bySession({ orgId, scope: sessionId })
            .go({ pages: 'all' });
          return data.map(toTotals);
        }),
      );
      return found.flat();
    },

    async purgeEvent(orgId, eventId, limit) {
      // Items first, then marks, then totals: fewer than `limit` means none of any is left.
      const key = { orgId, eventId };
      const items = await feedback.query
        .byEvent(key)
        .go({ limit, attributes: ['orgId', 'eventId', 'scope', 'createdAt', 'feedbackId'] });
      if (items.data.length > 0) await feedback.delete(items.data).go();
      let removed = items.data.length;
      if (removed === limit) return limit;
      const givers = await feedbackGiver.query
        .byEvent(key)
        .go({ limit: limit - removed, attributes: ['orgId', 'eventId', 'scope', 'giverKey'] });
      if (givers.data.length > 0) await feedbackGiver.delete(givers.data).go();
      removed += givers.data.length;
      if (removed === limit) return limit;
      const totals = await feedbackTotals.query
        .byEvent(key)
        .go({ limit: limit - removed, attributes: ['orgId', 'eventId', 'scope'] });
      if (totals.data.length > 0) await feedbackTotals.delete(totals.data).go();
      return removed + totals.data.length;
    },

    async purgeSession(orgId, sessionId, limit) {
      // The session's totals name its event; they go last, so a purge cut short finds it again.
      const { data: found } = await feedbackTotals.query.bySession({ orgId, scope: sessionId }).go();
      const totals = found[0];
      if (!totals) return 0;
      const key = { orgId, eventId: totals.eventId, scope: sessionId };
      const items = await feedback.query
        .byEvent(key)
        .go({ limit, attributes: ['orgId', 'eventId', 'scope', 'createdAt', 'feedbackId'] });
      if (items.data.length > 0) await feedback.delete(items.data).go();
      let removed = items.data.length;
      if (removed === limit) return limit;
      const givers = await feedbackGiver.query
        .byEvent(key)
        .go({ limit: limit - removed, attributes: ['orgId', 'eventId', 'scope', 'giverKey'] });
      if (givers.data.length > 0) await feedbackGiver.delete(givers.data).go();
      removed += givers.data.length;
      if (removed === limit) return limit;
      await feedbackTotals.delete(key).go();
      return removed + 1;
    },
  };
};
