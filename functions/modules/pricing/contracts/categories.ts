import {
  categoryIdSchema,
  eventIdSchema,
  freeText,
  orgIdSchema,
  orgParams,
  stampFields,
  utcInstant,
} from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import { maxCategoriesPerEvent } from '../domain/category-model.js';

export const categoryEventParams = orgParams.extend({ eventId: eventIdSchema });
export const categoryParams = categoryEventParams.extend({ categoryId: categoryIdSchema });

const amount = z.number().int().min(0).max(100_000_000);
const places = z.number().int().min(1).max(100_000);

const priceStepSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('after_sold'),
      afterSold: places.openapi({ description: 'From this many places sold in a session', example: 50 }),
      unitAmount: amount.openapi({ example: 3500 }),
    }),
    z.strictObject({
      kind: z.literal('from_date'),
      from: utcInstant.openapi({ description: 'From this instant on' }),
      unitAmount: amount.openapi({ example: 3500 }),
    }),
  ])
  .openapi('PriceStep');

const categoryFields = {
  name: freeText(z.string().trim().min(1).max(80)).openapi({ example: 'Early bird' }),
  description: freeText(z.string().trim().max(500), { multiline: true }),
  priceMinor: amount.openapi({ description: 'In minor units of `currency`; 0 is free', example: 2500 }),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code such as EUR')
    .openapi({ example: 'EUR' }),
  quota: places.openapi({
    description: "Places of each session this category may take (inside the session's capacity)",
  }),
  salesStartAt: utcInstant,
  salesEndAt: utcInstant,
  visibility: z.enum(['public', 'hidden']).openapi('CategoryVisibility'),
  minPerOrder: z.number().int().min(1).max(10),
  maxPerOrder: z.number().int().min(1).max(10),
  priceSteps: z.array(priceStepSchema).max(10),
  sortOrder: z.number().int().min(0).max(1000),
};

export const createCategoryBody = z
  .strictObject({
    ...categoryFields,
    description: categoryFields.description.optional(),
    quota: categoryFields.quota.optional(),
    salesStartAt: categoryFields.salesStartAt.optional(),
    salesEndAt: categoryFields.salesEndAt.optional(),
    visibility: categoryFields.visibility.optional(),
    minPerOrder: categoryFields.minPerOrder.optional(),
    maxPerOrder: categoryFields.maxPerOrder.optional(),
    priceSteps: categoryFields.priceSteps.optional(),
    sortOrder: categoryFields.sortOrder.optional(),
  })
  .openapi('CreateCategory');

/** What a change may set: every field but the currency; null clears the optional ones. */
export const updateCategoryBody = z
  .strictObject({
    name: categoryFields.name.optional(),
    description: categoryFields.description.nullable().optional(),
    priceMinor: categoryFields.priceMinor.optional(),
    quota: categoryFields.quota.nullable().optional(),
    salesStartAt: categoryFields.salesStartAt.nullable().optional(),
    salesEndAt: categoryFields.salesEndAt.nullable().optional(),
    visibility: categoryFields.visibility.optional(),
    minPerOrder: categoryFields.minPerOrder.optional(),
    maxPerOrder: categoryFields.maxPerOrder.optional(),
    priceSteps: categoryFields.priceSteps.optional(),
    sortOrder: categoryFields.sortOrder.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'name at least one field to change')
  .openapi('UpdateCategory');

export const categorySchema = z
  .strictObject({
    orgId: orgIdSchema,
    eventId: eventIdSchema,
    categoryId: categoryIdSchema,
    ...categoryFields,
    description: categoryFields.description.nullable(),
    quota: categoryFields.quota.nullable(),
    salesStartAt: categoryFields.salesStartAt.nullable(),
    salesEndAt: categoryFields.salesEndAt.nullable(),
    ...stampFields,
  })
  .openapi('TicketCategory');

export const categoryListSchema = z
  .strictObject({ items: z.array(categorySchema).max(maxCategoriesPerEvent) })
  .openapi('TicketCategoryList');
