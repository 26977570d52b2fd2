import {
  eventIdSchema,
  eventParams,
  freeText,
  isoDateTime,
  orgIdSchema,
  pageQuerySchema,
  stampFields,
  taskTemplateIdSchema,
  userIdSchema,
  utcInstant,
  venueIdSchema,
} from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import { interestIdSchema, maxEventInterests } from '../../discovery/index.js';
import { maxBookingsPerAttendee, maxOverbookingPercent, maxSeatsPerBookingLimit } from '../domain/model.js';

export { eventParams };

const eventStatusSchema = z
  .enum(['draft', 'published', 'postponed', 'cancelled', 'completed'])
  .openapi('EventStatus');
const visibilitySchema = z.enum(['public', 'private']).openapi('Visibility');
const admissionSchema = z.enum(['open', 'approval']).openapi('Admission');

export const priceSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('free') }),
    z.strictObject({
      kind: z.literal('paid'),
      amountMinor: z
        .number()
        .int()
        .min(1)
        .max(100_000_000)
        .openapi({ description: 'In minor units (cents)', example: 2500 }),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code such as EUR')
        .openapi({ example: 'EUR' }),
    }),
  ])
  .openapi('Price');

const tagSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a tag of lowercase letters, digits and dashes (at most 40)')
  .openapi({ example: 'jazz' });

/** Each tag is a listing item written with the event, so their number is bounded. */
const tagsSchema = z
  .array(tagSchema)
  .max(10)
  .refine((tags) => new Set(tags).size === tags.length, 'tags must be unique');

/** Interests of the tenant's catalog (GET /v1/interests); checked against it when written. */
const interestIdsSchema = z
  .array(interestIdSchema)
  .max(maxEventInterests)
  .refine((ids) => new Set(ids).size === ids.length, 'interest ids must be unique');

const coverImageUrlsSchema = z
  .array(
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .max(2048)
      .openapi({ example: 'https://cdn.example/covers/jazz-night.jpg' }),
  )
  .max(10);

const minutes = (min: number, max: number, example: number) =>
  z.number().int().min(min).max(max).openapi({ example });

const genderSchema = z
  .string()
  .regex(/^[a-z][a-z_-]{0,31}$/, 'must be a lowercase word such as female, male or non_binary')
  .openapi({ example: 'female' });

const guestRulesSchema = z
  .strictObject({
    plusOnes: z.boolean().openapi({ description: 'Off: each booking or join request is for one place' }),
    allowedGenders: z
      .array(genderSchema)
      .min(1)
      .max(10)
      .nullable()
      .openapi({ description: "The attendee's self-declared genders admitted; null admits everyone" }),
  })
  .openapi('GuestRules');

export const eventSettingsSchema = z
  .strictObject({
    maxSeatsPerBooking: minutes(1, maxSeatsPerBookingLimit, 10).openapi({
      description: 'Most seats one booking may take',
    }),
    bookingsPerAttendee: minutes(1, maxBookingsPerAttendee, 1).openapi({
      description:
        'Most live (held or confirmed) bookings one attendee, or one party, may have in one session; staff bookings count too',
    }),
    holdMinutes: minutes(1, 1440, 15),
    cancelCutoffMinutes: minutes(0, 10_080, 60),
    waitlistPolicy: z.enum(['fifo', 'fit']),
    waitlistMaxSkips: minutes(0, 100, 3),
    offerMinutes: minutes(1, 1440, 30),
    offerCutoffMinutes: minutes(0, 10_080, 60),
    offerExpiry: z.enum(['expire', 'requeue']),
    latePayment: z.enum(['accept_if_available', 'refund', 'review']).openapi({
      description:
        'A payment after its hold lapsed: confirm again if the places are free (else refund), refund, or leave it to staff',
    }),
    refundCutoffMinutes: minutes(0, 10_080, 1440).openapi({
      description: 'Attendees cancelling a paid booking at least this long before the session are refunded',
    }),
    ticketCodes: z.enum(['static', 'rotating']).openapi({
      description:
        'Static (printable) ticket codes, or codes the app rotates every 30 s (static ones refused)',
    }),
    checkinOpensMinutesBefore: minutes(0, 1440, 60).openapi({
      description: 'Doors open this long before a session starts; they close when it ends',
    }),
    checkinReentry: z.boolean().openapi({ description: 'Whether someone who went out may come in again' }),
    overbookingPercent: minutes(0, maxOverbookingPercent, 0).openapi({
      description:
        "Controlled overbooking (0: off): each night, up to this percent of a general-admission session's places are added for the no-shows its forecast expects, never beyond the room's capacity",
    }),
    requestHoldMinutes: minutes(1, 10_080, 1440).openapi({
      description: 'How long the places an approved join request reserves wait for the attendee to book them',
    }),
    guestRules: guestRulesSchema,
  })
  .openapi('EventSettings');

const title = freeText(z.string().trim().min(1).max(200)).openapi({ example: 'Jazz Night' });
const description = freeText(z.string().max(4000), { multiline: true }).openapi({
  example: 'An evening of live jazz by the river.',
});
const hostId = userIdSchema.openapi({ description: 'A member of the organization who hosts the event' });
const durationMinutes = minutes(1, 10_080, 90);
const capacity = z.number().int().min(1).max(100_000).openapi({ example: 120 });

const spanIssue = { message: 'must be after startsAt', path: ['endsAt'] };
const spanOk = (b: { startsAt?: string | null | undefined; endsAt?: string | null | undefined }) =>
  !b.startsAt || !b.endsAt || b.endsAt > b.startsAt;

export const createEventBody = z
  .strictObject({
    venueId: venueIdSchema,
    hostId: hostId.optional(),
    title,
    description: description.default(''),
    defaultDurationMinutes: durationMinutes.default(90),
    defaultCapacity: capacity,
    visibility: visibilitySchema.default('public'),
    admission: admissionSchema.default('open'),
    price: priceSchema.default({ kind: 'free' }),
    tags: tagsSchema.default([]),
    interestIds: interestIdsSchema.default([]),
    coverImageUrls: coverImageUrlsSchema.default([]),
    startsAt: utcInstant.optional(),
    endsAt: utcInstant.optional(),
    settings: eventSettingsSchema.partial().default({}),
    taskTemplateId: taskTemplateIdSchema.optional().openapi({
      description: "A task template of the organization: the event's tasks are generated from it",
    }),
  })
  .refine(spanOk, spanIssue)
  .openapi('CreateEvent');

/** `null` clears an optional field; `settings` changes only the settings it names. */
export const updateEventBody = z
  .strictObject({
    venueId: venueIdSchema.optional(),
    hostId: hostId.nullable().optional(),
    title: title.optional(),
    description: description.optional(),
    defaultDurationMinutes: durationMinutes.optional(),
    defaultCapacity: capacity.optional(),
    visibility: visibilitySchema.optional(),
    admission: admissionSchema.optional(),
    price: priceSchema.optional(),
    tags: tagsSchema.optional(),
    interestIds: interestIdsSchema.optional(),
    coverImageUrls: coverImageUrlsSchema.optional(),
    startsAt: utcInstant.nullable().optional(),
    endsAt: utcInstant.nullable().optional(),
    settings: eventSettingsSchema.partial().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change')
  .refine(spanOk, spanIssue)
  .openapi('UpdateEvent');

export const changeEventStatusBody = z
  .strictObject({ status: eventStatusSchema.openapi({ example: 'published' }) })
  .openapi('ChangeEventStatus');

export const eventSchema = z
  .object({
    orgId: orgIdSchema,
    eventId: eventIdSchema,
    venueId: venueIdSchema,
    hostId: z.string().nullable(),
    title: z.string(),
    description: z.string(),
    defaultDurationMinutes: z.number().int(),
    defaultCapacity: z.number().int(),
    visibility: visibilitySchema,
    admission: admissionSchema,
    price: priceSchema,
    tags: z.array(z.string()),
    interestIds: z.array(z.string()),
    coverImageUrls: z.array(z.string()),
    startsAt: isoDateTime.nullable(),
    endsAt: isoDateTime.nullable(),
    settings: eventSettingsSchema,
    categoryCount: z.number().int().openapi({ description: 'How many ticket categories the event sells' }),
    status: eventStatusSchema,
    deleting: z.boolean().openapi({ description: 'True while a delete of the event runs' }),
    ...stampFields,
  })
  .openapi('Event');

export const publicEventSchema = eventSchema
  .pick({
    orgId: true,
    eventId: true,
    venueId: true,
    title: true,
    description: true,
    startsAt: true,
    endsAt: true,
    tags: true,
    coverImageUrls: true,
    price: true,
    admission: true,
  })
  .openapi('PublicEvent');

const dateRange = {
  from: utcInstant.optional().openapi({ description: 'Events starting at or after this instant' }),
  to: utcInstant.optional().openapi({ description: 'Events starting before this instant' }),
};
const rangeIssue = { message: 'must be after from', path: ['to'] };
const rangeOk = (q: { from?: string | undefined; to?: string | undefined }) =>
  !q.from || !q.to || q.to > q.from;

export const eventListQuery = pageQuerySchema
  .extend({ venueId: venueIdSchema.optional(), status: eventStatusSchema.optional(), ...dateRange })
  .refine(rangeOk, rangeIssue);

export const publicEventListQuery = pageQuerySchema
  .extend({ tag: tagSchema.optional(), ...dateRange })
  .refine(rangeOk, rangeIssue);

export type CreateEventBody = z.infer<typeof createEventBody>;
export type UpdateEventBody = z.infer<typeof updateEventBody>;
