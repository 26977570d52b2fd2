import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { commitTransaction, type TxEntities, type TxItem } from '../../../kernel/dynamo/transactions.js';
import { type Expense, type TallyDelta, totalsDelta } from '../domain/model.js';
import type { ExpenseStore } from '../domain/ports.js';
import { storedExpense, toCategoryTotals, toExpense } from './expense-items.js';

/** One `add` per totals item: the deltas of its statuses' counts and sums. */
const totalsWrites = (tx: TxEntities, at: Pick<Expense, 'orgId' | 'eventId'>, deltas: TallyDelta[]) => {
  const byItem = new Map<
    string,
    { currency: string; category: Expense['category']; add: Record<string, number> }
  >();
  for (const d of deltas) {
    const k = `${d.currency}#${d.category}`;
    const item = byItem.get(k) ?? { currency: d.currency, category: d.category, add: {} };
    item.add[`${d.status}Count`] = d.count;
    item.add[`${d.status}Minor`] = d.amountMinor;
    byItem.set(k, item);
  }
  return [...byItem.values()].map(
    ({ currency, category, add }): TxItem<'totals'> => ({
      label: 'totals',
      write: tx.expenseTotals
        .upsert({ orgId: at.orgId, eventId: at.eventId, currency, category })
        .add(add)
        .commit(),
    }),
  );
};

export const dynamoExpenseStore = (service: EventlyService): ExpenseStore => {
  const { expense, expenseTotals } = service.entities;
  return {
    async create(e) {
      await commitTransaction(service, (tx) => [
        { label: 'expense', write: tx.expense.create(storedExpense(e)).commit() },
        ...totalsWrites(tx, e, totalsDelta(null, e)),
      ]);
    },

    async get(orgId, eventId, expenseId) {
      const { data } = await expense.get({ orgId, eventId, expenseId }).go({ consistent: true });
      return data ? toExpense(data) : undefined;
    },

    list: (orgId, eventId, { status, category }, page) =>
      queryPage(
        `expenses:${orgId}:${eventId}:${status ?? ''}:${category ?? ''}`,
        page,
        (opts) =>
          expense.query
            .byEvent({ orgId, eventId })
            .where((a, { eq }) =>
              [status ? eq(a.status, status) : '', category ? eq(a.category, category) : '']
                .filter(Boolean)
                .join(' AND '),
            )
            .go(opts),
        toExpense,
      ),

    // A whole put (cleared fields go), only over the version and status that were read.
    async save(before, after) {
      const { committed } = await commitTransaction(service, (tx) => [
        {
          label: 'expense',
          write: tx.expense
            .put(storedExpense(after))
            .where(
              ({ version, status }, { eq }) =>
                `${eq(version, before.version)} AND ${eq(status, before.status)}`,
            )
            .commit(),
          fails: 'refused' as const,
        },
        ...totalsWrites(tx, after, totalsDelta(before, after)),
      ]);
      return committed;
    },

    async totals(orgId, eventId) {
      const { data } = await expenseTotals.query
        .byEvent({ orgId, eventId })
        .go({ pages: 'all', consistent: true });
      return data.map(toCategoryTotals);
    },

    async purgeEvent(orgId, eventId, limit) {
      // One partition holds them all: the expenses, then the totals, until `limit` items are gone.
      const key = { orgId, eventId };
      const expenses = await expense.query
        .byEvent(key)
        .go({ limit, attributes: ['orgId', 'eventId', 'expenseId'] });
      if (expenses.data.length > 0) await expense.delete(expenses.data).go();
      const removed = expenses.data.length;
      if (removed >= limit) return removed;
      const totals = await expenseTotals.query
        .byEvent(key)
        .go({ limit: limit - removed, attributes: ['orgId', 'eventId', 'currency', 'category'] });
      if (totals.data.length > 0) await expenseTotals.delete(totals.data).go();
      return removed + totals.data.length;
    },
  };
};
