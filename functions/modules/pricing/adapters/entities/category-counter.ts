import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * The places one ticket category has taken of one session: `taken` (live bookings' places) and,
 * under a quota, `left = quota - taken`. Changed only by conditional single writes (a booking
 * takes its places here before its transaction, as it takes the session's) and by the
 * transactions of booking steps that give places back. `quota` is the category's quota this item
 * was last brought to (-1: none): a booking that read another quota brings it up to date first.
 *
 * Key template: pk `${orgId}#session#${sessionId}#categories`  sk `${categoryId}`
 */
export const categoryCounterEntity = new Entity({
  model: { ...entityBase, entity: 'categoryCounter' },
  attributes: {
    ...fixedStrings('orgId', 'sessionId', 'categoryId'),
    taken: { type: 'number', required: true },
    quota: { type: 'number', required: true },
    left: { type: 'number', required: true },
  },
  indexes: {
    bySession: {
      pk: key('pk', ['orgId', 'sessionId'], '${orgId}#session#${sessionId}#categories'),
      sk: key('sk', ['categoryId'], '${categoryId}'),
    },
  },
});
