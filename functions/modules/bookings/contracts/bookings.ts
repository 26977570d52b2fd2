import {
  attendeeIdSchema,
  categoryIdSchema,
  eventIdSchema,
  isoDateTime,
  orgIdSchema,
  orgParams,
  partyIdSchema,
  sessionIdSchema,
  sessionParams,
  stampFields,
  trackingCodeSchema,
} from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import { type HolderChoice, namesOneHolder, oneHolderIssue } from '../domain/holder-choice.js';

/** The places wanted of each ticket category (a booking's, or a waitlist entry's). */
export const ticketRequestsSchema = z
  .array(
    z.strictObject({
      categoryId: categoryIdSchema,
      seats: z.number().int().min(1).max(10).openapi({ example: 1 }),
    }),
  )
  .min(1)
  .max(20);

export const bookingIdSchema = z
  .string()
  .regex(/^bkg_[0-9a-z]{20}$/, 'must be a booking id (bkg_ followed by 20 lowercase letters or digits)')
  .openapi({ example: 'bkg_5e6f7g8h9j0k1a2b3c4d' });

export const bookingParams = sessionParams.extend({ bookingId: bookingIdSchema });
export const attendeeBookingsParams = orgParams.extend({ attendeeId: attendeeIdSchema });

/** Long enough for a table place: a table name of up to 40 characters, a dash and a number. */
const seatLabel = z.string().min(1).max(48).openapi({ example: 'A5' });

/**
 * The domain's holder rule (one of attendeeId and partyId) as a refinement, so that a body naming
 * both or neither is answered 422 before the use case runs, on the same field.
 */
export const requireOneHolder = <T extends z.ZodType<HolderChoice>>(schema: T): T =>
  schema.refine(namesOneHolder, { message: oneHolderIssue.message, path: [oneHolderIssue.field] });

const requireAtMostOneHolder = <T extends z.ZodType<HolderChoice>>(schema: T): T =>
  schema.refine((c) => c.attendeeId === undefined || c.partyId === undefined, {
    message: oneHolderIssue.message,
    path: [oneHolderIssue.field],
  });

/** Neither holder: the caller's own attendee record (made from their profile on a first booking). */
export const bookBody = requireAtMostOneHolder(
  z.strictObject({
    attendeeId: attendeeIdSchema.optional().openapi({
      description:
        'Book for this attendee (or give partyId; give neither to book for yourself: your attendee record, made from your profile if you have none)',
    }),
    partyId: partyIdSchema.optional().openapi({ description: 'Book for this party (or give attendeeId)' }),
    seats: z.number().int().min(1).max(10).optional().openapi({
      description:
        "How many seats; at most the event's maxSeatsPerBooking. Default: 1, or the party's member count",
      example: 2,
    }),
    seatLabels: z
      .array(seatLabel)
      .min(1)
      .max(10)
      .optional()
      .openapi({
        description:
          'Seated and table sessions: the seats (or table places, `Table 1-3`) wanted, as many as `seats`. Default: the lowest free seats; at tables, one table when one has room, else as few tables as possible',
        example: ['A5', 'A6'],
      }),
    tickets: ticketRequestsSchema.optional().openapi({
      description:
        "Events that sell ticket categories: the places wanted of each (a party may mix them); `seats`, when given, must equal their sum. Default: the event's only public category on sale",
    }),
    promoCode: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .optional()
      .openapi({ description: 'A promo code of the event (any case)', example: 'SPRING25' }),
    trackingCode: trackingCodeSchema.optional().openapi({
      description:
        "A marketing campaign's tracking code (a post's link carries it): kept on the booking for the campaign's results",
    }),
    joinWaitlistIfFull: z.boolean().optional().openapi({
      description:
        'When the session has no places for this booking (full, or people already wait for it): join its waitlist with the same holder and party size instead, answered 202 `{ waitlistEntry }`. Without it such a booking answers 409 CAPACITY_EXHAUSTED',
      example: false,
    }),
  }),
).openapi('Book', {
  description:
    'Signed-in users book for the attendee linked to them (or a party they lead); front-of-house staff for anyone of the organization',
});

const statusSchema = z.enum(['held', 'confirmed', 'cancelled', 'expired']).openapi('BookingStatus');

export const bookingSchema = z
  .object({
    orgId: orgIdSchema,
    sessionId: sessionIdSchema,
    eventId: eventIdSchema,
    bookingId: bookingIdSchema,
    attendeeId: attendeeIdSchema.nullable(),
    partyId: partyIdSchema.nullable(),
    seats: z.number().int().openapi({ example: 2 }),
    seatLabels: z.array(z.string()).openapi({
      description:
        'Seated and table sessions: the allocated seats or table places (`${table}-${n}`), in order',
    }),
    tickets: z
      .array(
        z.object({
          categoryId: categoryIdSchema,
          name: z.string(),
          seats: z.number().int(),
          unitAmount: z.number().int().openapi({ description: 'Minor units, as priced when booked' }),
          currency: z.string(),
        }),
      )
      .openapi({ description: 'The ticket categories bought (empty for an event that sells none)' }),
    discount: z
      .object({
        code: z.string(),
        kind: z.enum(['percent', 'fixed']),
        percent: z.number().optional(),
        amountMinor: z.number().int().optional(),
        categoryIds: z.array(categoryIdSchema).nullable(),
      })
      .nullable()
      .openapi({ description: "The promo code's discount as it stood when booked" }),
    status: statusSchema,
    paymentStatus: z.enum(['none', 'pending', 'paid', 'refunded']),
    holdExpiresAt: isoDateTime.nullable().openapi({ description: 'While held: when the hold lapses' }),
    bookedBy: z.string().openapi({ description: 'The user who made the booking', example: 'user-ada' }),
    userId: z.string().nullable().openapi({ description: 'The user the booking belongs to' }),
    waitlistEntryId: z
      .string()
      .nullable()
      .openapi({ description: "A waitlist offer's entry (the offer is this held booking); else null" }),
    trackingCode: z
      .string()
      .optional()
      .openapi({ description: 'The campaign tracking code it was booked with' }),
    ...stampFields,
  })
  .openapi('Booking');

export const bookingDetailSchema = bookingSchema
  .extend({
    seatStates: z.array(z.object({ label: z.string(), state: z.enum(['held', 'confirmed']) })),
    tables: z
      .array(z.string())
      .nullable()
      .openapi({ description: 'Table sessions: the tables the booking sits at', example: ['Table 1'] }),
    history: z.array(
      z.object({
        at: isoDateTime,
        from: statusSchema.nullable(),
        to: statusSchema,
        by: z.string(),
        reason: z.string(),
      }),
    ),
    payment: z
      .object({
        orderId: z.string(),
        provider: z.string(),
        status: z.string(),
        currency: z.string(),
        subtotal: z.number().int(),
        tax: z
          .object({
            name: z.string(),
            ratePercent: z.number(),
            number: z.string().nullable(),
            amount: z.number().int(),
          })
          .nullable(),
        fee: z.number().int(),
        total: z.number().int(),
        paidAmount: z.number().int(),
        refundedAmount: z.number().int(),
      })
      .nullable()
      .openapi({
        description:
          'What was paid (amounts in minor units): the quote with tax and fee; null before a payment order exists',
      }),
  })
  .openapi('BookingDetail');

export const sessionAvailabilitySchema = z
  .object({
    orgId: orgIdSchema,
    sessionId: sessionIdSchema,
    capacity: z.number().int().openapi({ example: 10 }),
    available: z.number().int().openapi({ example: 7 }),
    held: z.number().int().openapi({ example: 1 }),
    confirmed: z.number().int().openapi({ example: 2 }),
    seats: z
      .array(z.object({ label: z.string(), state: z.enum(['free', 'held', 'confirmed']) }))
      .nullable()
      .openapi({
        description: 'Seated and table sessions: every seat (or table place) in order with its state',
      }),
    tables: z
      .array(
        z.object({
          name: z.string().openapi({ example: 'Table 1' }),
          capacity: z.number().int().openapi({ example: 8 }),
          free: z.number().int().openapi({ example: 3 }),
        }),
      )
      .nullable()
      .openapi({ description: 'Table sessions: each table with its free places' }),
  })
  .openapi('SessionAvailability', { description: 'capacity = available + held + confirmed' });

export type BookBody = z.infer<typeof bookBody>;
