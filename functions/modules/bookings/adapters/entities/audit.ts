import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * An audit record of a state change, committed with the change. Keyed by org + session (the scope
 * of the booking engine's changes), never by org alone, so audit writes share no hot partition.
 *
 * Key template: pk `${orgId}#session#${sessionId}#audit`  sk `${at}#${recordId}`
 */
export const auditEntity = new Entity({
  model: { ...entityBase, entity: 'audit' },
  attributes: {
    ...fixedStrings('orgId', 'sessionId', 'recordId', 'at'),
    /** e.g. `booking.confirmed`. */
    action: { type: 'string', required: true, readOnly: true },
    ...fixedStrings('actor', 'targetType', 'targetId'),
    /** JSON of the facts of the change. */
    details: { type: 'string', required: true, readOnly: true },
  },
  indexes: {
    bySession: {
      pk: key('pk', ['orgId', 'sessionId'], '${orgId}#session#${sessionId}#audit'),
      sk: key('sk', ['at', 'recordId'], '${at}#${recordId}'),
    },
  },
});
