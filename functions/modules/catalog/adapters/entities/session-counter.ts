import { Entity } from 'electrodb';
import { entityBase } from '../../../../kernel/dynamo/entity-base.js';

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
    orgId: { type: 'string', required: true, readOnly: true },
    sessionId: { type: 'string', required: true, readOnly: true },
    capacity: { type: 'number', required: true },
    available: { type: 'number', required: true },
    held: { type: 'number', required: true },
    confirmed: { type: 'number', required: true },
    version: { type: 'number', required: true },
    /** Waitlist entries still waiting (absent until the first joins): see CapacityCounter. */
    waiting: { type: 'number' },
  },
  indexes: {
    byId: {
      pk: {
        field: 'pk',
        composite: ['orgId', 'sessionId'],
        template: '${orgId}#session#${sessionId}#counter',
        casing: 'none',
      },
      sk: { field: 'sk', composite: [], template: 'counter', casing: 'none' },
    },
  },
});
