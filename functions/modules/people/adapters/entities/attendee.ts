import { Entity } from 'electrodb';
import { entityBase } from '../../../../kernel/dynamo/entity-base.js';

/**
 * Key templates:
 * - pk `${orgId}#attendees`, sk `${attendeeId}`: an organization's attendees (list, get).
 * Optional fields are absent rather than null.
 */
export const attendeeEntity = new Entity({
  model: { ...entityBase, entity: 'attendee' },
  attributes: {
    orgId: { type: 'string', required: true, readOnly: true },
    attendeeId: { type: 'string', required: true, readOnly: true },
    firstName: { type: 'string', required: true },
    lastName: { type: 'string', required: true },
    email: { type: 'string' },
    phone: { type: 'string' },
    userId: { type: 'string' },
    /** Set and cleared only in the transaction that changes the party's members. */
    partyId: { type: 'string' },
    createdAt: { type: 'string', required: true, readOnly: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byOrg: {
      pk: { field: 'pk', composite: ['orgId'], template: '${orgId}#attendees', casing: 'none' },
      sk: { field: 'sk', composite: ['attendeeId'], template: '${attendeeId}', casing: 'none' },
    },
  },
});
