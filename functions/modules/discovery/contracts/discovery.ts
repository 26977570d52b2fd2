import {
  currencySchema,
  eventIdSchema,
  orgIdSchema,
  pageQuerySchema,
  utcInstant,
  venueIdSchema,
} from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import { maxRadiusKm } from '../domain/model.js';
import { interestIdSchema } from './interests.js';

const lat = z.coerce.number().min(-90).max(90).openapi({ example: 52.52 });
const lng = z.coerce.number().min(-180).max(180).openapi({ example: 13.405 });

export const discoverQuery = pageQuerySchema
  .extend({
    lat,
    lng,
    radiusKm: z.coerce.number().gt(0).max(maxRadiusKm).default(10).openapi({ example: 10 }),
    from: utcInstant.optional().openapi({ description: 'Events starting at or after this instant' }),
    to: utcInstant.optional().openapi({ description: 'Events starting before this instant' }),
    interest: interestIdSchema.optional(),
    maxPriceMinor: z.coerce.number().int().min(0).optional().openapi({
      description:
        'The cheapest ticket a buyer can choose now at most this, in minor units of `currency` (needed above 0: 422 naming `currency` without it); 0: free events only',
    }),
    currency: currencySchema.optional().openapi({
      description: 'Only events priced in this ISO 4217 currency, and free ones',
    }),
    freePlaces: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional()
      .openapi({ description: 'true: only events with a session still to come that has a free place' }),
  })
  .refine((q) => !q.from || !q.to || q.to > q.from, { message: 'must be after from', path: ['to'] });

export const forYouQuery = z.strictObject({
  lat,
  lng,
  limit: z.coerce.number().int().min(1).max(50).default(20).openapi({ example: 20 }),
});

export const discoveredEventSchema = z
  .object({
    orgId: orgIdSchema,
    eventId: eventIdSchema,
    venueId: venueIdSchema,
    title: z.string(),
    startsAt: z.string().nullable(),
    endsAt: z.string().nullable(),
    nextStartsAt: z.string().nullable().openapi({
      description:
        'startsAt; for an event without a start of its own, the start of its first scheduled session in the asked range, else of its first one not over yet',
    }),
    priceMinor: z.number().int().openapi({
      description:
        "The cheapest ticket a buyer can choose now: the event's price, or its cheapest public ticket category on sale; 0 when free",
    }),
    currency: z
      .string()
      .nullable()
      .openapi({ description: 'Of priceMinor; null for an event free of its own' }),
    onSale: z.boolean().openapi({
      description:
        "false: the event sells ticket categories and none is on sale now (priceMinor is the event's own)",
    }),
    admission: z.enum(['open', 'approval']),
    interestIds: z.array(z.string()),
    tags: z.array(z.string()),
    lat: z.number(),
    lng: z.number(),
    distanceKm: z.number(),
    matchedInterestIds: z.array(z.string()).openapi({ description: 'Interests of the event you picked' }),
    score: z.number().openapi({
      description: 'distanceKm / radiusKm - 0.5 x the share of its interests you have; lower first',
    }),
  })
  .openapi('DiscoveredEvent');

export const forYouSchema = z.object({ items: z.array(discoveredEventSchema) }).openapi('EventsForYou');

export const hostOrganizationSchema = z
  .object({
    orgId: orgIdSchema,
    name: z.string(),
    kind: z.enum(['team', 'personal']),
    status: z.enum(['active', 'deleting']),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi('HostOrganization');
