import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * One more counter item of a hot session (see counter-shards.ts): a share of its places that
 * bookings take without touching the main counter (`sessionCounter`, shard 0). Each shard counts
 * the places it holds and those held or confirmed by the bookings made on it; the session's
 * capacity is the sum over all its shards (`available + held + confirmed`). Each lives in its own
 * partition, and carries the session's and the event's versions (`sessionStamp`, `eventStamp`)
 * as the main counter does, so a change of either stops bookings at every shard.
 *
 * Key template: pk `${orgId}#session#${sessionId}#counter#${shard}`  sk `counter`
 */
export const sessionCounterShardEntity = new Entity({
  model: { ...entityBase, entity: 'sessionCounterShard' },
  attributes: {
    ...fixedStrings('orgId', 'sessionId'),
    shard: { type: 'number', required: true, readOnly: true },
    available: { type: 'number', required: true },
    held: { type: 'number', required: true },
    confirmed: { type: 'number', required: true },
    version: { type: 'number', required: true },
    eventStamp: { type: 'string' },
    sessionStamp: { type: 'string' },
  },
  indexes: {
    byId: {
      pk: key('pk', ['orgId', 'sessionId', 'shard'], '${orgId}#session#${sessionId}#counter#${shard}'),
      sk: key('sk', [], 'counter'),
    },
  },
});
