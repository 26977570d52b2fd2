import { Entity } from 'electrodb';
import { entityBase } from '../../../../kernel/dynamo/entity-base.js';

/**
 * One step of a booking's life, written in the transaction of the step.
 *
 * Key template: pk `${orgId}#session#${sessionId}#booking#${bookingId}`  sk `history#${at}#${to}`
 */
export const bookingHistoryEntity = new Entity({
  model: { ...entityBase, entity: 'bookingHistory' },
  attributes: {
    orgId: { type: 'string', required: true, readOnly: true },
    sessionId: { type: 'string', required: true, readOnly: true },
    bookingId: { type: 'string', required: true, readOnly: true },
    at: { type: 'string', required: true, readOnly: true },
    from: { type: ['held', 'confirmed', 'cancelled', 'expired'] as const },
    to: { type: ['held', 'confirmed', 'cancelled', 'expired'] as const, required: true, readOnly: true },
    by: { type: 'string', required: true, readOnly: true },
    reason: { type: 'string', required: true, readOnly: true },
  },
  indexes: {
    byBooking: {
      pk: {
        field: 'pk',
        composite: ['orgId', 'sessionId', 'bookingId'],
        template: '${orgId}#session#${sessionId}#booking#${bookingId}',
        casing: 'none',
      },
      sk: { field: 'sk', composite: ['at', 'to'], template: 'history#${at}#${to}', casing: 'none' },
    },
  },
});
