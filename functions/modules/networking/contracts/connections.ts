import {
  attendeeIdSchema,
  eventIdSchema,
  freeText,
  isoDateTime,
  orgIdSchema,
  orgParams,
  pageQuerySchema,
  utcInstant,
} from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';

const connectionIdSchema = z
  .string()
  .regex(/^cnx_[0-9a-z]{20}$/, 'must be a connection id (cnx_ followed by 20 lowercase letters or digits)')
  .openapi({ example: 'cnx_1a2b3c4d5e6f7g8h9j0k' });

export const connectionEventParams = orgParams.extend({ eventId: eventIdSchema });
export const connectionParams = connectionEventParams.extend({ connectionId: connectionIdSchema });

const connectionTypeSchema = z
  .enum(['business', 'collaboration', 'mentorship', 'friendship'])
  .openapi('ConnectionType');
const connectionStatusSchema = z
  .enum(['pending', 'accepted', 'declined', 'blocked'])
  .openapi('ConnectionStatus');

const meetingSchema = z
  .strictObject({
    at: utcInstant.openapi({ description: 'When to meet (in the future)', example: '2027-06-01T12:30:00Z' }),
    place: freeText(z.string().trim().min(1).max(200)).openapi({ example: 'Coffee bar, hall B' }),
  })
  .openapi('ConnectionMeeting');

export const requestConnectionBody = z
  .strictObject({
    targetId: attendeeIdSchema.openapi({ description: 'The attendee asked (of the same event)' }),
    type: connectionTypeSchema,
    message: freeText(z.string().trim().min(1).max(1000), { multiline: true })
      .optional()
      .openapi({ example: 'Loved your talk on edge caching' }),
    meeting: meetingSchema.optional(),
  })
  .openapi('RequestConnection');

export const connectionListQuery = pageQuerySchema.extend({ status: connectionStatusSchema.optional() });

export const connectionSchema = z
  .object({
    orgId: orgIdSchema,
    eventId: eventIdSchema,
    connectionId: connectionIdSchema,
    requesterId: attendeeIdSchema,
    targetId: attendeeIdSchema,
    type: connectionTypeSchema,
    status: connectionStatusSchema,
    message: z.string().nullable(),
    meeting: z.object({ at: isoDateTime, place: z.string() }).nullable(),
    blockedBy: attendeeIdSchema.nullable(),
    requestedBy: z.string(),
    answeredAt: isoDateTime.nullable(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .openapi('Connection');
