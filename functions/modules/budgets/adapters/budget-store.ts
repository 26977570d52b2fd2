import type { EntityItem } from 'electrodb';
import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import { commitTransaction } from '../../../kernel/dynamo/transactions.js';
import type { BudgetLine } from '../domain/model.js';
import type { BudgetStore } from '../domain/ports.js';
import type { budgetLineEntity } from './entities/budget-line.js';

type LineItem = EntityItem<typeof budgetLineEntity>;

const toLine = fromStored<BudgetLine, LineItem>({ nullable: { notes: true }, itemOnly: {} });

export const dynamoBudgetStore = (service: EventlyService): BudgetStore => {
  const { budgetLine, event } = service.entities;

  const whyEventRefused = async (orgId: string, eventId: string): Promise<Error> => {
    const { data } = await event.get({ orgId, eventId }).go({ consistent: true });
    if (!data) return notFound('event');
    return new DomainError('EVENT_DELETING', 'the event is being deleted');
  };

  return {
    async put(line) {
      await commitTransaction(service, (tx) => [
        {
          label: 'event',
          // In the same transaction: a line put beside an event whose cascade already ran would be orphaned.
          write: tx.event
            .check({ orgId: line.orgId, eventId: line.eventId })
            .where(({ deleting }, { eq }) => eq(deleting, false))
            .commit(),
          fails: () => whyEventRefused(line.orgId, line.eventId),
        },
        { label: 'line', write: tx.budgetLine.put(toStored(line)).commit() },
      ]);
    },

    async list(orgId, eventId) {
      const { data } = await budgetLine.query
        .byEvent({ orgId, eventId })
        .go({ pages: 'all', consistent: true });
      return data.map(toLine);
    },

    async get(orgId, eventId, category) {
      const { data } = await budgetLine.get({ orgId, eventId, category }).go({ consistent: true });
      return data ? toLine(data) : undefined;
    },

    async remove(orgId, eventId, category) {
      await budgetLine.delete({ orgId, eventId, category }).go();
    },

    async purgeEvent(orgId, eventId, limit) {
      const { data } = await budgetLine.query
        .byEvent({ orgId, eventId })
        .go({ limit, attributes: ['orgId', 'eventId', 'category'] });
      if (data.length > 0) await budgetLine.delete(data).go();
      return data.length;
    },
  };
};
