import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * One taken seat of a seated session, put with `attribute_not_exists` in the booking's transaction:
 * two live bookings can never hold the same label. Deleted when its booking releases it.
 *
 * Key template: pk `${orgId}#session#${sessionId}#seats`  sk `${label}` (one Query reads a seat map)
 */
export const bookingSeatEntity = new Entity({
  model: { ...entityBase, entity: 'bookingSeat' },
  attributes: {
    ...fixedStrings('orgId', 'sessionId', 'label', 'bookingId'),
    state: { type: ['held', 'confirmed'] as const, required: true },
  },
  indexes: {
    bySession: {
      pk: key('pk', ['orgId', 'sessionId'], '${orgId}#session#${sessionId}#seats'),
      sk: key('sk', ['label'], '${label}'),
    },
  },
});
