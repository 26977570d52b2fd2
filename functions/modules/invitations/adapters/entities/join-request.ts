import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

const statuses = ['pending', 'reserved', 'waitlisted', 'declined', 'booked', 'lapsed', 'cancelled'] as const;

/**
 * A join request for a session. Keyed by the session, like its bookings: approving it (with the
 * reservation's booking) and ending the reservation touch only items of that session.
 *
 * Key templates:
 * - table: pk `${orgId}#session#${sessionId}#requests`  sk `${requestId}` (a session's requests)
 */
export const joinRequestEntity = new Entity({
  model: { ...entityBase, entity: 'joinRequest' },
  attributes: {
    ...fixedStrings('orgId', 'sessionId', 'eventId', 'requestId', 'attendeeId', 'requestedBy', 'createdAt'),
    userId: { type: 'string', readOnly: true },
    partySize: { type: 'number', required: true, readOnly: true },
    message: { type: 'string', readOnly: true },
    status: { type: statuses, required: true },
    hostMessage: { type: 'string' },
    bookingId: { type: 'string' },
    waitlistEntryId: { type: 'string' },
    holdExpiresAt: { type: 'string' },
    decidedBy: { type: 'string' },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    bySession: {
      pk: key('pk', ['orgId', 'sessionId'], '${orgId}#session#${sessionId}#requests'),
      sk: key('sk', ['requestId'], '${requestId}'),
    },
  },
});

/**
 * The mark of an attendee's open request for a session: created with the request where none is
 * (one open request per attendee and session), deleted when the request ends.
 *
 * Key templates:
 * - table: pk `${orgId}#session#${sessionId}#request-holders`  sk `${attendeeId}`
 */
export const joinRequestHolderEntity = new Entity({
  model: { ...entityBase, entity: 'joinRequestHolder' },
  attributes: {
    ...fixedStrings('orgId', 'sessionId', 'attendeeId', 'requestId'),
  },
  indexes: {
    byAttendee: {
      pk: key('pk', ['orgId', 'sessionId'], '${orgId}#session#${sessionId}#request-holders'),
      sk: key('sk', ['attendeeId'], '${attendeeId}'),
    },
  },
});
