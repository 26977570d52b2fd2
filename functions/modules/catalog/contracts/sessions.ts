import {
  eventIdSchema,
  freeText,
  isoDateTime,
  orgIdSchema,
  orgParams,
  roomIdSchema,
  sessionIdSchema,
  stampFields,
  utcInstant,
  venueIdSchema,
} from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import {
  availabilitySchema,
  seatingModeSchema,
  seatMapInputSchema,
  seatMapSchema,
  tableSchema,
  tablesInputSchema,
} from './seating.js';

export const eventSessionsParams = orgParams.extend({ eventId: eventIdSchema });
/** The kernel's, so modules that only need the path of a session do not build this file's schemas. */
export { sessionParams } from '../../../kernel/contracts/common.js';

/** Not `z.iso.datetime`: its OpenAPI `date-time` format would exclude the venue-local form. */
const sessionTime = z
  .string()
  .max(40)
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?$/,
    "must be an ISO 8601 date-time, with an offset or in the venue's local time",
  )
  .openapi({
    description:
      "ISO 8601 with an offset (an instant), or without one (the venue's wall clock). A wall-clock time that does not exist because the clocks skip it (DST) is refused with 422.",
    example: '2026-03-29T19:00',
  });

const weekdaySchema = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

const recurrenceSchema = z
  .strictObject({
    frequency: z.enum(['daily', 'weekly']).openapi({ example: 'weekly' }),
    interval: z
      .number()
      .int()
      .min(1)
      .max(52)
      .optional()
      .openapi({ description: 'Every n-th day or week', example: 1 }),
    count: z
      .number()
      .int()
      .min(1)
      .max(32)
      .optional()
      .openapi({ description: 'How many sessions', example: 8 }),
    until: z.iso
      .date()
      .optional()
      .openapi({ description: 'Last venue-local date (inclusive)', example: '2026-05-31' }),
    weekdays: z
      .array(weekdaySchema)
      .min(1)
      .max(7)
      .optional()
      .openapi({ description: "Weekly only; by default the start's weekday", example: ['tue', 'thu'] }),
  })
  .refine((r) => (r.count === undefined) !== (r.until === undefined), 'give exactly one of count and until')
  .openapi('Recurrence', {
    description:
      'Lays the series out in venue-local time: every session starts at the same wall-clock time, on both sides of a DST change. At most 32 sessions.',
  });

const registrationDeadline = utcInstant.nullable().openapi({
  description:
    'A UTC instant (with an offset) before the start: from then on the session takes no new bookings, waitlist entries or offers except staff bookings; null: open until the start',
  example: '2026-03-28T12:00:00.000Z',
});

const capacity = z.number().int().min(1).max(100_000).openapi({ example: 120 });
const allowOverlap = z.boolean().openapi({
  description: 'Schedule even if another session uses the room at the same time',
  example: false,
});

export const createSessionsBody = z
  .strictObject({
    startsAt: sessionTime,
    endsAt: sessionTime.optional().openapi({ description: "Default: start + the event's default duration" }),
    roomId: roomIdSchema,
    capacity: capacity.optional().openapi({
      description: "Default: the seat count, the tables' places, or the event's default capacity",
    }),
    seatingMode: seatingModeSchema.optional(),
    seatMap: seatMapInputSchema.optional(),
    tables: tablesInputSchema.optional(),
    recurrence: recurrenceSchema.optional(),
    registrationDeadline: registrationDeadline
      .optional()
      .openapi({ description: 'Not with recurrence: each session of a series has its own' }),
    allowOverlap: allowOverlap.optional(),
  })
  .openapi('CreateSessions');

export const updateSessionBody = z
  .strictObject({
    startsAt: sessionTime
      .optional()
      .openapi({ description: 'A new start keeps the duration unless endsAt is sent too' }),
    endsAt: sessionTime.optional(),
    roomId: roomIdSchema.optional(),
    capacity: capacity.optional(),
    seatingMode: seatingModeSchema.optional(),
    seatMap: seatMapInputSchema.optional(),
    tables: tablesInputSchema.optional(),
    registrationDeadline: registrationDeadline.optional().openapi({ description: 'null clears it' }),
    allowOverlap: allowOverlap.optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'allowOverlap'), 'give at least one field to change')
  .openapi('UpdateSession');

export const cancelSessionBody = z
  .strictObject({
    reason: freeText(z.string().trim().min(1).max(500), { multiline: true }).openapi({
      description: 'Why; kept on the session and sent to every attendee whose booking it cancels',
      example: 'The performer is ill',
    }),
  })
  .openapi('CancelSession');

const sessionCancellationSchema = z
  .object({
    at: isoDateTime,
    by: z.string().openapi({ description: 'The user who cancelled it (or its event)', example: 'user-ada' }),
    reason: z.string().openapi({ example: 'The performer is ill' }),
    completedAt: isoDateTime.nullable().openapi({
      description:
        'When the last live booking was cancelled; until then `availability.held` and `confirmed` count the places still to cancel',
    }),
  })
  .openapi('SessionCancellation');

const zoned = (example: string) =>
  z.string().openapi({ description: "The same instant on the venue's wall clock, with its offset", example });

export const sessionSchema = z
  .object({
    orgId: orgIdSchema,
    sessionId: sessionIdSchema,
    eventId: eventIdSchema,
    venueId: venueIdSchema,
    roomId: roomIdSchema,
    seriesId: z.string().nullable().openapi({ example: 'ser_8a2c6e0g4j8l2n6q0s4u' }),
    startsAt: isoDateTime.openapi({ example: '2026-03-29T17:00:00.000Z' }),
    endsAt: isoDateTime.openapi({ example: '2026-03-29T19:00:00.000Z' }),
    timezone: z.string().openapi({ example: 'Europe/Berlin' }),
    localStartsAt: zoned('2026-03-29T19:00:00+02:00'),
    localEndsAt: zoned('2026-03-29T21:00:00+02:00'),
    capacity: z.number().int().openapi({ example: 120 }),
    overbooked: z.number().int().min(0).openapi({
      description:
        "Of `capacity`, the places added for the no-shows the session's forecast expects (the event's `overbookingPercent`)",
      example: 0,
    }),
    seatingMode: seatingModeSchema,
    registrationDeadline: isoDateTime.nullable().openapi({
      description: 'After it the session takes no new bookings but staff’s; null: open until the start',
    }),
    status: z.enum(['scheduled', 'cancelled']).openapi({
      description: 'A cancelled session takes no bookings and no changes',
      example: 'scheduled',
    }),
    cancellation: sessionCancellationSchema.nullable(),
    deleting: z.boolean(),
    ...stampFields,
  })
  .openapi('Session');

export const sessionDetailSchema = sessionSchema
  .extend({
    seatMap: seatMapSchema.nullable(),
    tables: z.array(tableSchema).nullable(),
    availability: availabilitySchema.nullable(),
  })
  .openapi('SessionDetail');

export const createdSessionsSchema = z
  .object({
    seriesId: z.string().nullable().openapi({ description: 'Set when the request created a series' }),
    sessions: z.array(sessionSchema),
  })
  .openapi('CreatedSessions');

export type CreateSessionsBody = z.infer<typeof createSessionsBody>;
export type UpdateSessionBody = z.infer<typeof updateSessionBody>;
export type CancelSessionBody = z.infer<typeof cancelSessionBody>;
