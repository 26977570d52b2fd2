import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * The capacity counter of one session: the hot item of bookings, alone in its partition so that
 * it can later be split over shards without touching anything else. Changed only by conditional
 * writes; `capacity = available + held + confirmed` always.
 *
 * Key template: pk `${orgId}#session#${sessionId}#counter`  sk `counter`
 */
export const sessionCounterEntity = new Entity({
  model: { ...entityBase, entity: 'sessionCounter' },
  attributes: {
    ...fixedStrings('orgId', 'sessionId'),
    capacity: { type: 'number', required: true },
    available: { type: 'number', required: true },
    held: { type: 'number', required: true },
    confirmed: { type: 'number', required: true },
    version: { type: 'number', required: true },
    /** Waitlist entries still waiting (absent until the first joins): see CapacityCounter. */
    waiting: { type: 'number' },
    /**
     * The version (`updatedAt`) of the session's event this counter was last told of (see
     * counter-stamps.ts): a booking commits only while it equals the version it was priced on, so
     * a change of the event stops bookings at each of its sessions' own counters, and no booking
     * touches the event item.
     */
    eventStamp: { type: 'string' },
    /**
     * The session's own `updatedAt`, written in the same transaction as every change of the
     * session (seating, capacity, time, cancellation, deletion mark): a booking checks the session
     * here, on the item it changes anyway, instead of with a condition check of the session item.
     */
    sessionStamp: { type: 'string' },
    /**
     * How many counter items the session's places are split over (absent: this one alone); shards
     * 1..n-1 are `sessionCounterShard` items (counter-shards.ts). Only grows.
     */
    shards: { type: 'number' },
    /** When a booking last claimed the opening of the shards (counter-shard-store.ts `open`). */
    openingAt: { type: 'string' },
  },
  indexes: {
    byId: {
      pk: key('pk', ['orgId', 'sessionId'], '${orgId}#session#${sessionId}#counter'),
      sk: key('sk', [], 'counter'),
    },
  },
});
