import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * One step of a booking's life, written in the transaction of the step: its history entry and its
 * audit record in one item (who: `by`; what: `from` -> `to`, `reason` and `details`; when: `at`;
 * the target: the booking of its key), so a step costs one record write, not two.
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
    /** JSON of the booking as the step left it (holder, seats, places, status): the audit's facts. */
    details: { type: 'string', readOnly: true },
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
