import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * A session with its seating (an ordered list of a few thousand short labels fits an item easily:
 * 5,000 labels of 16 characters are about 100 KB of the 400 KB limit). Its capacity counter and
 * room slot are items of their own (session-counter.ts, room-schedule.ts).
 *
 * Key templates (org ids start with `org_`, so no template here can meet another entity's):
 * - table: pk `${orgId}#session#${sessionId}`        sk `session`
 * - gsi2:  pk `${orgId}#sessions#event#${eventId}`   sk `${startsAt}#${sessionId}`
 * - gsi3:  pk `${orgId}#sessions#all`                sk `${sessionId}` (what an org purge walks)
 */
export const sessionEntity = new Entity({
  model: { ...entityBase, entity: 'session' },
  attributes: {
    ...fixedStrings('orgId', 'sessionId', 'eventId'),
    venueId: { type: 'string', required: true },
    roomId: { type: 'string', required: true },
    seriesId: { type: 'string' },
    startsAt: { type: 'string', required: true },
    endsAt: { type: 'string', required: true },
    timezone: { type: 'string', required: true },
    capacity: { type: 'number', required: true },
    /** Places of `capacity` added by overbooking; absent (0) on sessions stored before it. */
    overbooked: { type: 'number' },
    seatingMode: { type: ['general', 'seated', 'tables'] as const, required: true },
    /** Seated sessions: the seat labels in "lowest available" order. */
    seats: { type: 'list', items: { type: 'string' } },
    tables: {
      type: 'list',
      items: {
        type: 'map',
        properties: {
          name: { type: 'string', required: true },
          capacity: { type: 'number', required: true },
        },
      },
    },
    /** After it the session takes no new bookings but staff's; absent when it has none. */
    registrationDeadline: { type: 'string' },
    status: { type: ['scheduled', 'cancelled'] as const, required: true },
    /** Set together when the session is cancelled; `cancelCompletedAt` once no booking is live. */
    cancelledAt: { type: 'string' },
    cancelledBy: { type: 'string' },
    cancelReason: { type: 'string' },
    cancelCompletedAt: { type: 'string' },
    deleting: { type: 'boolean', required: true },
    createdAt: { type: 'string', required: true, readOnly: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byId: {
      pk: key('pk', ['orgId', 'sessionId'], '${orgId}#session#${sessionId}'),
      sk: key('sk', [], 'session'),
    },
    /** An event's sessions by start (also what an event's cascade delete walks). */
    byEvent: {
      index: 'gsi2',
      pk: key('gsi2pk', ['orgId', 'eventId'], '${orgId}#sessions#event#${eventId}'),
      sk: key('gsi2sk', ['startsAt', 'sessionId'], '${startsAt}#${sessionId}'),
    },
    byOrg: {
      index: 'gsi3',
      pk: key('gsi3pk', ['orgId'], '${orgId}#sessions#all'),
      sk: key('gsi3sk', ['sessionId'], '${sessionId}'),
    },
  },
});
