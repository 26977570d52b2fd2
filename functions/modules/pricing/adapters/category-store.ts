import { DomainError } from '../../../kernel/domain/errors.js';
import { eventNotDeleting } from '../../../kernel/dynamo/live-checks.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { commitTransaction, type TxEntities, type TxItem } from '../../../kernel/dynamo/transactions.js';
import type { CategoryCount, TicketCategory } from '../domain/category-model.js';
import type { CategoryStore } from '../domain/category-ports.js';
import { cheapestOnSale } from '../domain/ticket-choice.js';
import { toCategory, toItem } from './category-items.js';

const byOrder = (a: TicketCategory, b: TicketCategory) =>
  a.sortOrder - b.sortOrder || a.categoryId.localeCompare(b.categoryId);

/** The event's category set moves from the version read (0: none yet) to the next, or refuses. */
const setMove = (
  tx: TxEntities,
  { orgId, eventId }: { orgId: string; eventId: string },
  version: number,
): TxItem => ({
  label: 'set',
  write:
    version === 0
      ? tx.categorySet.create({ orgId, eventId, version: 1 }).commit()
      : tx.categorySet
          .patch({ orgId, eventId })
          .add({ version: 1 })
          .where((a, { eq }) => eq(a.version, version))
          .commit(),
  fails: 'refused',
});

export const dynamoCategoryStore = (service: EventlyService): CategoryStore => {
  const { ticketCategory, categoryCounter, categorySet } = service.entities;
  const keyOf = (c: Pick<TicketCategory, 'orgId' | 'eventId' | 'categoryId'>) => ({
    orgId: c.orgId,
    eventId: c.eventId,
    categoryId: c.categoryId,
  });
  const listByEvent = async (orgId: string, eventId: string) => {
    const { data } = await ticketCategory.query
      .byEvent({ orgId, eventId })
      .go({ consistent: true, pages: 'all' });
    return data.map(toCategory).sort(byOrder);
  };
  return {
    listByEvent,

    async cheapestOnSale(orgId, eventId, at) {
      return cheapestOnSale(await listByEvent(orgId, eventId), at);
    },

    async get(orgId, eventId, categoryId) {
      const { data } = await ticketCategory.get({ orgId, eventId, categoryId }).go({ consistent: true });
      return data ? toCategory(data) : undefined;
    },

    async setVersion(orgId, eventId) {
      const { data } = await categorySet.get({ orgId, eventId }).go({ consistent: true });
      return data?.version ?? 0;
    },

    async create(category, setVersion) {
      const { committed } = await commitTransaction(service, (tx) => [
        setMove(tx, category, setVersion),
        { label: 'category', write: tx.ticketCategory.create(toItem(category)).commit() },
        eventNotDeleting(service, tx, category),
      ]);
      return committed;
    },

    async replace(current, next, setVersion) {
      const { committed } = await commitTransaction(service, (tx) => [
        setMove(tx, next, setVersion),
        {
          label: 'category',
          write: tx.ticketCategory
            .put(toItem(next))
            .where((a, { eq }) => eq(a.updatedAt, current.updatedAt))
            .commit(),
          fails: new DomainError(
            'CONFLICT',
            'the category was changed by someone else meanwhile; read it again',
          ),
        },
      ]);
      return committed;
    },

    async remove(category) {
      await ticketCategory.delete(keyOf(category)).go();
    },

    async countsOf(orgId, sessionId) {
      const { data } = await categoryCounter.query
        .bySession({ orgId, sessionId })
        .go({ consistent: true, pages: 'all' });
      return new Map<string, CategoryCount>(
        data.map((c) => [
          c.categoryId,
          { categoryId: c.categoryId, taken: c.taken, quota: c.quota, left: c.left },
        ]),
      );
    },

    async purgeEvent(orgId, eventId) {
      const { data } = await ticketCategory.query
        .byEvent({ orgId, eventId })
        .go({ pages: 'all', attributes: ['categoryId'] });
      if (data.length > 0)
        await ticketCategory.delete(data.map((c) => ({ orgId, eventId, categoryId: c.categoryId }))).go();
      await categorySet.delete({ orgId, eventId }).go();
      return data.length;
    },

    async purgeOrg(orgId, limit) {
      const { data } = await ticketCategory.query
        .byOrg({ orgId })
        .go({ limit, attributes: ['eventId', 'categoryId'] });
      if (data.length > 0) {
        await ticketCategory
          .delete(data.map((c) => ({ orgId, eventId: c.eventId, categoryId: c.categoryId })))
          .go();
      }
      if (data.length >= limit) return data.length;
      // The categories are gone: then the events' set versions.
      const sets = await categorySet.query
        .byOrg({ orgId })
        .go({ limit: limit - data.length, attributes: ['eventId'] });
      if (sets.data.length > 0)
        await categorySet.delete(sets.data.map((x) => ({ orgId, eventId: x.eventId }))).go();
      return data.length + sets.data.length;
    },

    async purgeSession(orgId, sessionId) {
      const { data } = await categoryCounter.query
        .bySession({ orgId, sessionId })
        .go({ pages: 'all', attributes: ['categoryId'] });
      if (data.length > 0)
        await categoryCounter.delete(data.map((c) => ({ orgId, sessionId, categoryId: c.categoryId }))).go();
      return data.length;
    },
  };
};
