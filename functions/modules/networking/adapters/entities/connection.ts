import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

const types = ['business', 'collaboration', 'mentorship', 'friendship'] as const;
const statuses = ['pending', 'accepted', 'declined', 'blocked'] as const;

/** What a connection and each side's entry hold. */
const connectionAttributes = {
  ...fixedStrings('orgId', 'eventId', 'connectionId'),
  // Who asked last: a declined pair asked again by the one who declined turns around.
  requesterId: { type: 'string', required: true },
  targetId: { type: 'string', required: true },
  type: { type: types, required: true },
  status: { type: statuses, required: true },
  message: { type: 'string' },
  meetingAt: { type: 'string' },
  meetingPlace: { type: 'string' },
  blockedBy: { type: 'string' },
  requestedBy: { type: 'string', required: true },
  answeredAt: { type: 'string' },
  createdAt: { type: 'string', required: true },
  updatedAt: { type: 'string', required: true },
} as const;

/**
 * A networking connection between two attendees of an event, one per unordered pair: its id is
 * derived from the event and the two attendee ids sorted, and it is created only where none is
 * (`attribute_not_exists`). Keyed by the event, so that an event's deletion finds them all.
 *
 * Key templates:
 * - table: pk `${orgId}#event#${eventId}#connections`  sk `${connectionId}`
 */
export const connectionEntity = new Entity({
  model: { ...entityBase, entity: 'connection' },
  attributes: connectionAttributes,
  indexes: {
    byEvent: {
      pk: key('pk', ['orgId', 'eventId'], '${orgId}#event#${eventId}#connections'),
      sk: key('sk', ['connectionId'], '${connectionId}'),
    },
  },
});

/**
 * One side's copy of a connection (two per connection, written in the connection's transaction):
 * what an attendee's list of their connections of an event queries.
 *
 * Key templates:
 * - table: pk `${orgId}#event#${eventId}#attendee#${attendeeId}#connections`  sk `${connectionId}`
 */
export const connectionSideEntity = new Entity({
  model: { ...entityBase, entity: 'connectionSide' },
  attributes: {
    ...connectionAttributes,
    ...fixedStrings('attendeeId'),
  },
  indexes: {
    byAttendee: {
      pk: key(
        'pk',
        ['orgId', 'eventId', 'attendeeId'],
        '${orgId}#event#${eventId}#attendee#${attendeeId}#connections',
      ),
      sk: key('sk', ['connectionId'], '${connectionId}'),
    },
  },
});
