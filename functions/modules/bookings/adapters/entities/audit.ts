import { Entity } from 'electrodb';
import { entityBase } from '../../../../kernel/dynamo/entity-base.js';

/**
 * An audit record of a state change, committed with the change. Keyed by org + session (the scope
 * of the booking engine's changes), never by org alone, so audit writes share no hot partition.
 *
 * Key template: pk `${orgId}#session#${sessionId}#audit`  sk `${at}#${recordId}`
 */
export const auditEntity = new Entity({
  model: { ...entityBase, entity: 'audit' },
  attributes: {
    orgId: { type: 'string', required: true, readOnly: true },
    sessionId: { type: 'string', required: true, readOnly: true },
    recordId: { type: 'string', required: true, readOnly: true },
    at: { type: 'string', required: true, readOnly: true },
    /** e.g. `booking.confirmed`. */
    action: { type: 'string', required: true, readOnly: true },
    actor: { type: 'string', required: true, readOnly: true },
    targetType: { type: 'string', required: true, readOnly: true },
    targetId: { type: 'string', required: true, readOnly: true },
    /** JSON of the facts of the change. */
    details: { type: 'string', required: true, readOnly: true },
  },
  indexes: {
    bySession: {
      pk: {
        field: 'pk',
        composite: ['orgId', 'sessionId'],
        template: '${orgId}#session#${sessionId}#audit',
        casing: 'none',
      },
      sk: { field: 'sk', composite: ['at', 'recordId'], template: '${at}#${recordId}', casing: 'none' },
    },
  },
});
