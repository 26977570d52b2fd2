import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * Key templates:
 * - pk `${orgId}#attendees`, sk `${attendeeId}`: an organization's attendees (list, get).
 * Optional fields are absent rather than null.
 */
export const attendeeEntity = new Entity({
  model: { ...entityBase, entity: 'attendee' },
  attributes: {
    ...fixedStrings('orgId', 'attendeeId'),
    firstName: { type: 'string', required: true },
    lastName: { type: 'string', required: true },
    email: { type: 'string' },
    phone: { type: 'string' },
    userId: { type: 'string' },
    gender: { type: 'string' },
    /** Set and cleared only in the transaction that changes the party's members. */
    partyId: { type: 'string' },
    /** Added one at a time by automations (a set add); absent when none. */
    tags: { type: 'set', items: 'string' },
    /** How many tags the set holds: the limit's condition (a condition cannot compare a set's size to a value). */
    tagCount: { type: 'number' },
    createdAt: { type: 'string', required: true, readOnly: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byOrg: {
      pk: key('pk', ['orgId'], '${orgId}#attendees'),
      sk: key('sk', ['attendeeId'], '${attendeeId}'),
    },
  },
});
