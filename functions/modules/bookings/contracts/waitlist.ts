import {
  attendeeIdSchema,
  eventIdSchema,
  isoDateTime,
  orgIdSchema,
  orgParams,
  pageQuerySchema,
  partyIdSchema,
  sessionIdSchema,
} from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import { bookingIdSchema, bookingSchema, requireOneHolder, ticketRequestsSchema } from './bookings.js';

export const waitlistEntryIdSchema = z
  .string()
  .regex(
    /^wle_[0-9a-z]{20}$/,
    'must be a waitlist entry id (wle_ followed by 20 lowercase letters or digits)',
  )
  .openapi({ example: 'wle_9k2m4p6r8t0v2x4z6b8d' });

export const waitlistEntryParams = orgParams.extend({ entryId: waitlistEntryIdSchema });

export const waitlistStatusSchema = z
  .enum(['waiting', 'offered', 'accepted', 'declined', 'expired', 'cancelled', 'removed'])
  .openapi('WaitlistStatus');

export const joinWaitlistBody = requireOneHolder(
  z.strictObject({
    attendeeId: attendeeIdSchema
      .optional()
      .openapi({ description: 'Wait as this attendee (or give partyId)' }),
    partyId: partyIdSchema.optional().openapi({ description: 'Wait as this party (or give attendeeId)' }),
    partySize: z.number().int().min(1).max(10).optional().openapi({
      description:
        "Places wanted; at most the event's maxSeatsPerBooking. Default: the tickets' places, else 1, or the party's member count",
      example: 2,
    }),
    tickets: ticketRequestsSchema.optional().openapi({
      description:
        "Events that sell ticket categories: the places wanted of each; the offer holds exactly these, priced when it is made. `partySize`, when given, must equal their sum. Default: the event's only public category on sale",
    }),
  }),
).openapi('JoinWaitlist', {
  description:
    'Signed-in users join for the attendee linked to them (or a party they lead); front-of-house staff for anyone of the organization (walk-ins)',
});

export const waitlistListQuery = pageQuerySchema.extend({ status: waitlistStatusSchema.optional() });

export const moveWaitlistBody = z
  .strictObject({
    position: z.number().int().min(1).max(100_000).openapi({
      description:
        'The rank to move to among the entries still waiting (1 = next in line; past the end = last)',
      example: 1,
    }),
  })
  .openapi('MoveWaitlistEntry');

export const waitlistEntrySchema = z
  .object({
    orgId: orgIdSchema,
    sessionId: sessionIdSchema,
    eventId: eventIdSchema,
    entryId: waitlistEntryIdSchema,
    attendeeId: attendeeIdSchema.nullable(),
    partyId: partyIdSchema.nullable(),
    partySize: z.number().int().openapi({ example: 2 }),
    tickets: z.array(z.object({ categoryId: z.string(), seats: z.number().int() })).openapi({
      description: 'The ticket categories the entry waits for (empty for an event that sells none)',
    }),
    position: z
      .number()
      .openapi({ description: 'Orders the line; unique among the waiting entries', example: 7 }),
    rank: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Place among the entries still waiting (1 = next); null when not waiting' }),
    estimatedWaitMinutes: z.number().int().nullable().openapi({
      description:
        "Minutes until the entry's offer: from the session's forecast (minutes per place ahead), else one offer period per entry ahead; null when not waiting",
    }),
    chanceOfPlace: z.number().min(0).max(1).nullable().openapi({
      description:
        "The chance the entry gets a place, from the session's forecast (docs/forecasts.md); null without one or when not waiting",
    }),
    estimateBasis: z.enum(['forecast', 'offer-periods']).nullable().openapi({
      description: 'What the estimates come from; null when not waiting',
    }),
    status: waitlistStatusSchema,
    skips: z.number().int().openapi({ description: 'Offers that went to entries behind this one (`fit`)' }),
    bookingId: bookingIdSchema.nullable().openapi({ description: "The offer's held booking" }),
    userId: z.string().nullable().openapi({ description: 'The user the entry belongs to' }),
    addedBy: z.string().openapi({ description: 'The user who put the entry on the list' }),
    joinedAt: isoDateTime,
    offeredAt: isoDateTime.nullable(),
    respondedAt: isoDateTime.nullable(),
    expiresAt: isoDateTime.nullable().openapi({ description: "While offered: the offer's deadline" }),
    updatedAt: isoDateTime,
  })
  .openapi('WaitlistEntry');

export const bookingOrWaitlistSchema = z
  .union([bookingSchema, z.object({ waitlistEntry: waitlistEntrySchema }).openapi('Waitlisted')])
  .openapi('BookingOrWaitlisted', {
    description:
      '201 with the booking; with `joinWaitlistIfFull` and no places for it, 202 with `{ waitlistEntry }` instead',
  });
