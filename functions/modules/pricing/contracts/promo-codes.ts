import {
  eventIdSchema,
  isoDateTime,
  orgIdSchema,
  orgParams,
  pageQuerySchema,
  stampFields,
} from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';

/** As typed by a client (any case); stored upper case. */
const codeSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{3,32}$/, 'must be 3 to 32 letters, digits, _ or - (any case)')
  .openapi({ example: 'EARLY20' });

export const promoEventParams = orgParams.extend({ eventId: eventIdSchema });
export const promoCodeParams = promoEventParams.extend({ code: codeSchema });

const categoryId = z
  .string()
  .regex(
    /^cat_[0-9a-z]{20}$/,
    'must be a ticket category id (cat_ followed by 20 lowercase letters or digits)',
  )
  .openapi({ example: 'cat_5e9g3j7l1n5q9s3u7w1y' });

const terms = {
  percent: z.number().gt(0).max(100).openapi({
    description: '`percent` codes: the share off, above 0 and at most 100, at most 2 decimals',
    example: 20,
  }),
  amountMinor: z
    .number()
    .int()
    .min(1)
    .max(100_000_000)
    .openapi({ description: '`fixed` codes: minor units off each ticket', example: 500 }),
  categoryIds: z
    .array(categoryId)
    .min(1)
    .max(20)
    .openapi({ description: 'The ticket categories the discount applies to; none given: every category' }),
  maxUses: z
    .number()
    .int()
    .min(1)
    .max(10_000_000)
    .openapi({ description: 'Live redemptions in total', example: 100 }),
  maxUsesPerPerson: z
    .number()
    .int()
    .min(1)
    .max(1_000)
    .openapi({ description: 'Live redemptions per attendee or party', example: 1 }),
  validFrom: isoDateTime.openapi({ description: 'Redeemable from this instant' }),
  validUntil: isoDateTime.openapi({
    description: 'Redeemable until this instant (exclusive); after validFrom',
  }),
  status: z.enum(['active', 'disabled']).openapi('PromoStatus'),
};

export const createPromoCodeBody = z
  .strictObject({
    code: codeSchema,
    kind: z.enum(['percent', 'fixed']).openapi('PromoKind'),
    percent: terms.percent.optional(),
    amountMinor: terms.amountMinor.optional(),
    categoryIds: terms.categoryIds.optional(),
    maxUses: terms.maxUses.optional(),
    maxUsesPerPerson: terms.maxUsesPerPerson.optional(),
    validFrom: terms.validFrom.optional(),
    validUntil: terms.validUntil.optional(),
    status: terms.status.optional().openapi({ description: 'Default `active`' }),
  })
  .openapi('CreatePromoCode');

const removable = (description: string) => ({ description: `${description}; null removes it` });

export const updatePromoCodeBody = z
  .strictObject({
    status: terms.status.optional(),
    maxUses: terms.maxUses
      .nullable()
      .optional()
      .openapi(removable('Live redemptions in total, at least those already made')),
    maxUsesPerPerson: terms.maxUsesPerPerson.nullable().optional().openapi(removable('The limit per person')),
    validFrom: terms.validFrom.nullable().optional().openapi(removable('The start of the window')),
    validUntil: terms.validUntil.nullable().optional().openapi(removable('The end of the window')),
    categoryIds: terms.categoryIds
      .nullable()
      .optional()
      .openapi(removable('The categories the discount applies to (null: every category)')),
  })
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change')
  .openapi('UpdatePromoCode');

export const promoCodeListQuery = pageQuerySchema;

export const promoCodeSchema = z
  .object({
    orgId: orgIdSchema,
    eventId: eventIdSchema,
    code: z.string().openapi({ example: 'EARLY20' }),
    kind: z.enum(['percent', 'fixed']),
    percent: z.number().nullable().openapi({ example: 20 }),
    amountMinor: z.number().int().nullable().openapi({ example: null }),
    categoryIds: z.array(z.string()).nullable().openapi({ description: 'null: every category' }),
    maxUses: z.number().int().nullable(),
    maxUsesPerPerson: z.number().int().nullable(),
    validFrom: isoDateTime.nullable(),
    validUntil: isoDateTime.nullable(),
    status: z.enum(['active', 'disabled']),
    used: z
      .number()
      .int()
      .openapi({ description: 'Live redemptions (bookings held or confirmed with the code)' }),
    ...stampFields,
  })
  .openapi('PromoCode');
