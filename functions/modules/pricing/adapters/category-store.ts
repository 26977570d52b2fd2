import type { EntityItem } from 'electrodb';
import { DomainError } from '../../../kernel/domain/errors.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import { isConditionFailure } from '../../../kernel/dynamo/transactions.js';
import type { CategoryCount, PriceStep, TicketCategory } from '../domain/category-model.js';
import type { CategoryStore } from '../domain/category-ports.js';
import { cheapestOnSale } from '../domain/ticket-choice.js';
import type { ticketCategoryEntity } from './entities/ticket-category.js';

type CategoryItem = EntityItem<typeof ticketCategoryEntity>;

const fields = fromStored<Omit<TicketCategory, 'priceSteps'>, Omit<CategoryItem, 'priceSteps'>>({
  nullable: { description: true, quota: true, salesStartAt: true, salesEndAt: true },
  itemOnly: {},
});

const stepOf = (s: CategoryItem['priceSteps'][number]): PriceStep =>
  s.kind === 'after_sold'
    ? { kind: 'after_sold', afterSold: s.afterSold ?? 0, unitAmount: s.unitAmount }
    : { kind: 'from_date', from: s.from ?? '', unitAmount: s.unitAmount };

export const toCategory = ({ priceSteps, ...rest }: CategoryItem): TicketCategory => ({
  ...fields(rest),
  priceSteps: priceSteps.map(stepOf),
});

const toItem = (c: TicketCategory) => ({ ...toStored(c), priceSteps: c.priceSteps.map((s) => ({ ...s })) });

const byOrder = (a: TicketCategory, b: TicketCategory) =>
  a.sortOrder - b.sortOrder || a.categoryId.localeCompare(b.categoryId);

export const dynamoCategoryStore = (service: EventlyService): CategoryStore => {
  const { ticketCategory, categoryCounter } = service.entities;
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

    async create(category) {
      await ticketCategory.create(toItem(category)).go();
    },

    async replace(current, next) {
      try {
        await ticketCategory
          .put(toItem(next))
          .where((a, { eq }) => eq(a.updatedAt, current.updatedAt))
          .go();
      } catch (err) {
        if (!isConditionFailure(err)) throw err;
        throw new DomainError(
          'CONFLICT',
          'the category was changed by someone else meanwhile; read it again',
        );
      }
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
      return data.length;
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
