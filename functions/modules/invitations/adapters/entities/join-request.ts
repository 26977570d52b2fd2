import { Entity } from 'electrodb';
import { entityBase, fixedStrings, unlisted } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

const statuses = ['pending', 'reserved', 'waitlisted', 'declined', 'booked', 'lapsed', 'cancelled'] as const;

/**
 * A join request for a session. Keyed by the session, like its bookings: approving it (with the
 * reservation's booking) and ending the reservation touch only items of that session.
 *
 * Key templates:
 * - table: pk `${orgId}#session#${sessionId}#requests`  sk `${requestId}` (a session's requests)
 * - gsi2:  pk `${orgId}#attendee#${listedAttendee}#join-requests`  sk `${requestId}`
 *   Only requests holding free text (`message`, `hostMessage`): what an account's erasure finds
 *   them by (it removes both, and the item leaves the index).
 */
export const joinRequestEntity = new Entity({
  model: { ...entityBase, entity: 'joinRequest' },
  attributes: {
    ...fixedStrings('orgId', 'sessionId', 'eventId', 'requestId', 'attendeeId', 'requestedBy', 'createdAt'),
    userId: { type: 'string', readOnly: true },
    partySize: { type: 'number', required: true, readOnly: true },
    /** The attendee's words; removed (with `hostMessage`) by the erasure of their account. */
    message: { type: 'string' },
    status: { type: statuses, required: true },
    hostMessage: { type: 'string' },
    bookingId: { type: 'string' },
    waitlistEntryId: { type: 'string' },
    holdExpiresAt: { type: 'string' },
    decidedBy: { type: 'string' },
    updatedAt: { type: 'string', required: true },
    /**
     * Index-only, always present (ElectroDB requires every composite of an index with a
     * condition): the attendee while the request holds free text, else `none`.
     */
    listedAttendee: { type: 'string', required: true },
  },
  indexes: {
    bySession: {
      pk: key('pk', ['orgId', 'sessionId'], '${orgId}#session#${sessionId}#requests'),
      sk: key('sk', ['requestId'], '${requestId}'),
    },
    byAttendee: {
      index: 'gsi2',
      condition: (a) => a.listedAttendee !== unlisted,
      pk: key('gsi2pk', ['orgId', 'listedAttendee'], '${orgId}#attendee#${listedAttendee}#join-requests'),
      sk: key('gsi2sk', ['requestId'], '${requestId}'),
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
