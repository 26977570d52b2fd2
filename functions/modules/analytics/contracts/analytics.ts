import {
  eventIdSchema,
  eventParams,
  isoDateTime,
  orgIdSchema,
  sessionIdSchema,
} from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import { analyticsCsvColumns } from '../domain/export.js';

export const analyticsParams = eventParams;

const count = z.number().int().min(0);
const rate = z.number().min(0).nullable();

const bookingCount = z.object({ bookings: count, seats: count }).openapi('BookingCount');

const dimensionAverage = z.object({ count, mean: z.number().min(1).max(5).nullable() });
const averages = z
  .object({
    count,
    ratings: z.object({
      overall: dimensionAverage,
      content: dimensionAverage,
      speaker: dimensionAverage,
      venue: dimensionAverage,
      organization: dimensionAverage,
    }),
  })
  .openapi('AnalyticsFeedbackAverages');

const day = z.object({
  date: z.string().openapi({ example: '2026-11-20', description: "The venue's local date" }),
  bookings: count,
  seats: count,
  confirmed: count.openapi({ description: 'Of those bookings, the ones confirmed now' }),
});

const waitlist = z
  .object({
    entries: count,
    waiting: count,
    offered: count.openapi({ description: 'Entries ever offered places' }),
    accepted: count.openapi({ description: 'Offers taken: entries that became bookings' }),
    declined: count,
    expired: count.openapi({ description: 'Offers that lapsed unanswered' }),
    cancelled: count.openapi({ description: 'Entries that left the line or were removed' }),
    conversionRate: rate.openapi({ description: 'accepted / offered' }),
  })
  .openapi('WaitlistFigures');

const noShows = z
  .object({ bookings: count, seats: count })
  .nullable()
  .openapi({ description: 'Once ended, where the door checked people in; null otherwise' });

const revenue = z
  .object({
    currency: z.string().nullable(),
    paidOrders: count,
    paidAmount: count.openapi({ description: 'Minor units' }),
    refundedOrders: count,
    refundedAmount: count,
    netAmount: z.number().int(),
  })
  .openapi('RevenueFigures');

const bookingFigures = {
  capacity: count,
  held: bookingCount,
  confirmed: bookingCount,
  cancelled: bookingCount,
  expired: bookingCount,
  fillRate: rate.openapi({ description: 'Confirmed seats / capacity' }),
  registrationsByDay: z.array(day),
  waitlist,
  noShows,
  revenue,
};

const sessionAnalytics = z
  .object({
    sessionId: sessionIdSchema,
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    timezone: z.string(),
    status: z.enum(['scheduled', 'cancelled']),
    ...bookingFigures,
    checkins: z.object({
      usesCheckin: z.boolean(),
      admittedTickets: count,
      admittedBookings: count,
      insideNow: count,
    }),
    feedback: averages,
    computedAt: isoDateTime,
  })
  .openapi('SessionAnalytics');

export const eventAnalyticsSchema = z
  .object({
    orgId: orgIdSchema,
    eventId: eventIdSchema,
    computedAt: isoDateTime.openapi({ description: 'When the snapshot was last written' }),
    totals: z
      .object({
        sessions: count,
        ...bookingFigures,
        checkins: z.object({
          sessionsWithCheckin: count,
          admittedTickets: count,
          admittedBookings: count,
          insideNow: count,
        }),
      })
      .openapi('EventAnalyticsTotals'),
    feedback: z.object({
      all: averages.openapi({ description: "All the event's feedback, its sessions' included" }),
      eventLevel: averages.openapi({ description: 'The feedback on the event as a whole' }),
    }),
    sessions: z.array(sessionAnalytics),
  })
  .openapi('EventAnalytics');

export const analyticsCsvSchema = z.string().openapi({
  description: `CSV (RFC 4180, CRLF), a header row, one row per session (\`row\` = session) and the event's total row (\`row\` = total): ${analyticsCsvColumns.join(', ')}. Amounts in minor units; rates to four decimals; an empty cell is a figure that does not apply.`,
  example: `${analyticsCsvColumns.join(',')}\r\n`,
});
