import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * The uses of one promo code, in a partition of the code's own: one item per person with the
 * bookings whose use counts against them, and one redemption record per booking. Each redemption
 * writes one of each, beside the code item (promo-code.ts).
 *
 * Key templates (both in pk `${orgId}#event#${eventId}#promo#${code}`):
 * - promoUse:        sk `person#${personKey}`
 * - promoRedemption: sk `booking#${bookingId}`
 */
const pk = key('pk', ['orgId', 'eventId', 'code'], '${orgId}#event#${eventId}#promo#${code}');

export const promoUseEntity = new Entity({
  model: { ...entityBase, entity: 'promoUse' },
  attributes: {
    ...fixedStrings('orgId', 'eventId', 'code', 'personKey'),
    /** Live uses of the person: the size of `bookingIds`, kept beside it for the limit's condition. */
    uses: { type: 'number' },
    /**
     * The bookings counted, so that counting one again is refused by its condition (a retry) and
     * giving one back is conditional on it being there. Absent when empty (DynamoDB has no empty set).
     */
    bookingIds: { type: 'set', items: 'string' },
  },
  indexes: {
    byPerson: { pk, sk: key('sk', ['personKey'], 'person#${personKey}') },
  },
});

export const promoRedemptionEntity = new Entity({
  model: { ...entityBase, entity: 'promoRedemption' },
  attributes: {
    ...fixedStrings('orgId', 'eventId', 'code', 'bookingId', 'personKey', 'redeemedAt'),
    /**
     * `claimed` from its creation until the code's count took the use, `counted` after: a record
     * left `claimed` is a redemption that was interrupted (finished by a retry, or released).
     */
    stage: { type: ['claimed', 'counted'] as const, required: true },
  },
  indexes: {
    byBooking: { pk, sk: key('sk', ['bookingId'], 'booking#${bookingId}') },
  },
});
