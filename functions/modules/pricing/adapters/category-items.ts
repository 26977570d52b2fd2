import type { EntityItem } from 'electrodb';
import { fromStored, toStored } from '../../../kernel/dynamo/stored.js';
import type { PriceStep, TicketCategory } from '../domain/category-model.js';
import type { ticketCategoryEntity } from './entities/ticket-category.js';

/** A ticket category as stored, and back (readers of another module's bundle take only this). */

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

export const toItem = (c: TicketCategory) => ({
  ...toStored(c),
  priceSteps: c.priceSteps.map((s) => ({ ...s })),
});
