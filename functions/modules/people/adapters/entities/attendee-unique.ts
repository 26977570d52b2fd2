import { Entity } from 'electrodb';
import { entityBase } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * One item per unique value an attendee holds (email, phone, user id), put with
 * `attribute_not_exists` in the same transaction as the attendee: two attendees can never hold
 * the same value, even when created at the same moment. Also the lookup by that value (a get).
 *
 * Key templates:
 * - pk `${orgId}#attendee-unique`, sk `${field}#${value}`. One partition per organization keeps
 *   the purge of an organization a Query; attendees are created far below its write limit.
 * - gsi1: pk `user#${value}#attendees`  sk `${orgId}#${attendeeId}`, only for the `userId` value:
 *   a user's attendee records in every organization (an account's erasure finds them here; never
 *   `user#${userId}` alone, the memberships' partition).
 */
export const attendeeUniqueEntity = new Entity({
  model: { ...entityBase, entity: 'attendeeUnique' },
  attributes: {
    orgId: { type: 'string', required: true, readOnly: true },
    field: { type: ['email', 'phone', 'userId'] as const, required: true, readOnly: true },
    value: { type: 'string', required: true, readOnly: true },
    attendeeId: { type: 'string', required: true, readOnly: true },
  },
  indexes: {
    byValue: {
      pk: key('pk', ['orgId'], '${orgId}#attendee-unique'),
      sk: key('sk', ['field', 'value'], '${field}#${value}'),
    },
    byUser: {
      index: 'gsi1',
      condition: (a) => a.field === 'userId',
      pk: key('gsi1pk', ['value'], 'user#${value}#attendees'),
      sk: key('gsi1sk', ['orgId', 'attendeeId'], '${orgId}#${attendeeId}'),
    },
  },
});
