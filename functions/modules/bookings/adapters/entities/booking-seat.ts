import { Entity } from 'electrodb';
import { entityBase } from '../../../../kernel/dynamo/entity-base.js';

/**
 * One taken seat of a seated session, put with `attribute_not_exists` in the booking's transaction:
 * two live bookings can never hold the same label. Deleted when its booking releases it.
 *
 * Key template: pk `${orgId}#session#${sessionId}#seats`  sk `${label}` (one Query reads a seat map)
 */
export const bookingSeatEntity = new Entity({
  model: { ...entityBase, entity: 'bookingSeat' },
  attributes: {
    orgId: { type: 'string', required: true, readOnly: true },
    sessionId: { type: 'string', required: true, readOnly: true },
    label: { type: 'string', required: true, readOnly: true },
    bookingId: { type: 'string', required: true, readOnly: true },
    state: { type: ['held', 'confirmed'] as const, required: true },
  },
  indexes: {
    bySession: {
      pk: {
        field: 'pk',
        composite: ['orgId', 'sessionId'],
        template: '${orgId}#session#${sessionId}#seats',
        casing: 'none',
      },
      sk: { field: 'sk', composite: ['label'], template: '${label}', casing: 'none' },
    },
  },
});
