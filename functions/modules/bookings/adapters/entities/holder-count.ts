import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * How many live (held or confirmed) bookings one holder (an attendee, or a party) has in one
 * session. A new booking adds one in its transaction, on condition that the event's
 * `bookingsPerAttendee` is not reached; the step that ends a booking takes one off in its own.
 * Offers of the waitlist and late payments add theirs without the condition (the holder waited,
 * or paid, for places they were given).
 *
 * Key template: pk `${orgId}#session#${sessionId}#holders`  sk `${holderId}`
 */
export const holderCountEntity = new Entity({
  model: { ...entityBase, entity: 'holderCount' },
  attributes: {
    ...fixedStrings('orgId', 'sessionId', 'holderId'),
    // Not required: steps add to it (an upsert), whether or not the item exists yet.
    live: { type: 'number' },
  },
  indexes: {
    bySession: {
      pk: key('pk', ['orgId', 'sessionId'], '${orgId}#session#${sessionId}#holders'),
      sk: key('sk', ['holderId'], '${holderId}'),
    },
  },
});
