import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * A promo code of an event, with its count of live redemptions (`used`). Every redemption writes
 * this item once (a conditional update), so one code takes at most about 1,000 redemptions a
 * second; the per-person counts and redemption records live in a partition of each code
 * (promo-use.ts), not in the event's.
 *
 * Key template: pk `${orgId}#event#${eventId}#promo-codes`  sk `${code}` (an event's codes, listed
 * in code order). Optional fields are absent rather than null.
 */
export const promoCodeEntity = new Entity({
  model: { ...entityBase, entity: 'promoCode' },
  attributes: {
    ...fixedStrings('orgId', 'eventId', 'code', 'createdAt'),
    kind: { type: ['percent', 'fixed'] as const, required: true, readOnly: true },
    percent: { type: 'number', readOnly: true },
    amountMinor: { type: 'number', readOnly: true },
    categoryIds: { type: 'list', items: { type: 'string' } },
    maxUses: { type: 'number' },
    maxUsesPerPerson: { type: 'number' },
    validFrom: { type: 'string' },
    validUntil: { type: 'string' },
    status: { type: ['active', 'disabled'] as const, required: true },
    /** Moved only by redemptions (+1) and releases (-1), never by a change of the code's terms. */
    used: { type: 'number', required: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    byEvent: {
      pk: key('pk', ['orgId', 'eventId'], '${orgId}#event#${eventId}#promo-codes'),
      sk: key('sk', ['code'], '${code}'),
    },
  },
});
