import {
  attendeeIdSchema,
  eventIdSchema,
  freeText,
  isoDateTime,
  orgIdSchema,
  pageQuerySchema,
  sessionIdSchema,
  sessionParams,
} from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import type { JoinRequestStatus } from '../domain/model.js';

const requestIdSchema = z
  .string()
  .regex(/^jrq_[0-9a-z]{20}$/, 'must be a join request id (jrq_ followed by 20 lowercase letters or digits)')
  .openapi({ example: 'jrq_1a2b3c4d5e6f7g8h9j0k' });

export const requestParams = sessionParams.extend({ requestId: requestIdSchema });

const requestStatusSchema = z
  .enum(['pending', 'reserved', 'waitlisted', 'declined', 'booked', 'lapsed', 'cancelled'])
  .openapi('JoinRequestStatus');

const note = freeText(z.string().trim().min(1).max(1000), { multiline: true });

export const createRequestBody = z
  .strictObject({
    attendeeId: attendeeIdSchema
      .optional()
      .openapi({ description: 'Staff file for an attendee; others ask for their own (the default)' }),
    partySize: z.number().int().min(1).max(100).openapi({ example: 2 }),
    message: note.optional().openapi({ example: 'Two of us, from the jazz club' }),
  })
  .openapi('CreateJoinRequest');

/** The host's message to the attendee with the decision; an empty one sends none. */
export const decideRequestBody = z
  .strictObject({
    message: freeText(z.string().trim().max(1000), { multiline: true }).openapi({
      example: 'See you there',
      description: "The host's note to the attendee ('' for none)",
    }),
  })
  .openapi('DecideJoinRequest');

export const requestListQuery = pageQuerySchema.extend({ status: requestStatusSchema.optional() });

export const joinRequestSchema = z
  .object({
    orgId: orgIdSchema,
    sessionId: sessionIdSchema,
    eventId: eventIdSchema,
    requestId: requestIdSchema,
    attendeeId: attendeeIdSchema,
    userId: z.string().nullable(),
    partySize: z.number().int(),
    message: z.string().nullable(),
    status: requestStatusSchema,
    hostMessage: z.string().nullable(),
    bookingId: z.string().nullable(),
    waitlistEntryId: z.string().nullable(),
    holdExpiresAt: isoDateTime.nullable(),
    requestedBy: z.string(),
    decidedBy: z.string().nullable(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .openapi('JoinRequest');

const count = z.number().int().min(0);

export const requestCountsSchema = z
  .object({
    pending: count,
    reserved: count,
    waitlisted: count,
    declined: count,
    booked: count,
    lapsed: count,
    cancelled: count,
  } satisfies Record<JoinRequestStatus, typeof count>)
  .openapi('JoinRequestCounts');
