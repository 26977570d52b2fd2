import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * An attendee's pass for an event: what lets them see and book it while it is private (and book
 * it without a request, when it skips approval). One per attendee and event, written once.
 *
 * Key templates:
 * - table: pk `${orgId}#event#${eventId}#passes`  sk `${attendeeId}` (read with the booking's context)
 */
export const eventPassEntity = new Entity({
  model: { ...entityBase, entity: 'eventPass' },
  attributes: {
    ...fixedStrings('orgId', 'eventId', 'attendeeId', 'createdAt'),
    userId: { type: 'string', readOnly: true },
    source: { type: ['invite', 'request'] as const, required: true, readOnly: true },
    inviteId: { type: 'string', readOnly: true },
    skipApproval: { type: 'boolean', required: true, readOnly: true },
    unlocksCategoryIds: { type: 'list', items: { type: 'string' }, required: true, readOnly: true },
  },
  indexes: {
    byEvent: {
      pk: key('pk', ['orgId', 'eventId'], '${orgId}#event#${eventId}#passes'),
      sk: key('sk', ['attendeeId'], '${attendeeId}'),
    },
  },
});
