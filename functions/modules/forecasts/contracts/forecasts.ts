import { isoDateTime, sessionIdSchema } from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';

const interval = (description: string) =>
  z
    .object({
      value: z.number(),
      low: z.number().openapi({ description: 'Lower end of the 80% interval' }),
      high: z.number().openapi({ description: 'Upper end of the 80% interval' }),
    })
    .openapi({ description });

const basis = z.object({
  level: z.string().openapi({ description: 'The finest group the figure drew on (event, venue, ...)' }),
  sessions: z.number().int().min(0).openapi({ description: 'Ended sessions of that group' }),
});

export const sessionForecastSchema = /* @__PURE__ */ z
  .object({
    sessionId: sessionIdSchema,
    night: z.iso.date().openapi({ description: 'The nightly run that wrote it' }),
    forecast: z.object({
      modelVersion: z.string(),
      generatedAt: isoDateTime,
      figures: z.object({
        fillRate: interval('Confirmed places at the start, as a share of capacity'),
        noShowRate: interval('Share of confirmed places not admitted at the door'),
        waitlistConversion: interval('Share of waitlist entries that end up booked'),
        waitMinutesPerPosition: interval('Minutes a waitlist entry waits for its offer, per place ahead'),
      }),
      basis: z.object({
        fillRate: basis,
        noShowRate: basis,
        waitlistConversion: basis,
        waitMinutesPerPosition: basis,
      }),
    }),
    categories: z
      .array(
        z.object({
          categoryId: z.string(),
          name: z.string(),
          quota: z.number().int().nullable(),
          taken: z.number().int().openapi({ description: "Places the category's live bookings hold now" }),
          expectedPlaces: interval(
            "Places expected sold at the start: the fill forecast's places still to sell, shared by the session's sales mix so far (before any sale, by quota), capped at the quota",
          ),
          sellOut: z.enum(['likely', 'possible', 'unlikely']).nullable().openapi({
            description:
              'Under a quota: reached by the expected value, only by the top of the interval, or not; null without a quota',
          }),
        }),
      )
      .openapi({ description: 'Events that sell ticket categories: the forecast per category (else empty)' }),
  })
  .openapi('SessionForecast');
