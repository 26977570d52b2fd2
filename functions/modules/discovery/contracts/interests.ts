import * as z from '../../../kernel/contracts/zod.js';
import { maxUserInterests } from '../domain/model.js';

export const interestIdSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,39}$/,
    'must be an interest id of lowercase letters, digits and dashes (at most 40)',
  )
  .openapi({ example: 'music' });

export const interestSchema = z
  .object({
    interestId: interestIdSchema,
    name: z.string().min(1).max(40).openapi({ example: 'Music' }),
    slug: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9-]{0,39}$/,
        'must be a slug of lowercase letters, digits and dashes (at most 40)',
      )
      .openapi({ example: 'music' }),
  })
  .openapi('Interest');

/**
 * The tenant config's `interests` (and the INTERESTS variable that carries it): unique ids and
 * slugs; at most 30, so the variable stays well inside Lambda's 4 KB of environment.
 */
export const interestCatalogSchema = z
  .array(interestSchema)
  .min(1)
  .max(30)
  .refine((l) => new Set(l.map((i) => i.interestId)).size === l.length, 'interest ids must be unique')
  .refine((l) => new Set(l.map((i) => i.slug)).size === l.length, 'interest slugs must be unique');

export const interestListSchema = z.object({ items: z.array(interestSchema) }).openapi('InterestList');

export const interestIdsSchema = z
  .array(interestIdSchema)
  .max(maxUserInterests)
  .refine((ids) => new Set(ids).size === ids.length, 'interest ids must be unique');

export const myInterestsBody = z.strictObject({ interestIds: interestIdsSchema }).openapi('SetMyInterests');

export const myInterestsSchema = z
  .object({
    interestIds: z.array(interestIdSchema),
    updatedAt: z.string().openapi({ description: 'Empty before the first pick' }),
  })
  .openapi('MyInterests');
