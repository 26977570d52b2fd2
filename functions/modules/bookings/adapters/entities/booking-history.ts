import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * One step of a booking's life, written in the transaction of the step.
 *
 * Key template: pk `${orgId}#session#${sessionId}#booking#${bookingId}`  sk `history#${at}#${to}`
 */
export const bookingHistoryEntity = new Entity({
  model: { ...entityBase, entity: 'bookingHistory' },
  attributes: {
    ...fixedStrings('orgId', 'sessionId', 'bookingId', 'at'),
    from: { type: ['held', 'confirmed', 'cancelled', 'expired'] as const },
    to: { type: ['held', 'confirmed', 'cancelled', 'expired'] as const, required: true, readOnly: true },
    ...fixedStrings('by', 'reason'),
  },
  indexes: {
    byBooking: {
      pk: key(
        'pk',
        ['orgId', 'sessionId', 'bookingId'],
        '${orgId}#session#${sessionId}#booking#${bookingId}',
      ),
      sk: key('sk', ['at', 'to'], 'history#${at}#${to}'),
    },
  },
});
