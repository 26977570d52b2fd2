import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * An event's analytics snapshot (modules/analytics): one partition per event, holding the event's
 * head (`scope` = `event`: its own feedback totals and when it was computed) and one item per
 * session (`scope` = the session id) with that session's figures. Each item is written whole, so
 * a refresh run twice (a replayed night) writes the same; the event's read and purge are a Query.
 *
 * Key template: pk `${orgId}#event#${eventId}#analytics`  sk `scope#${scope}`
 */
export const analyticsSnapshotEntity = new Entity({
  model: { ...entityBase, entity: 'analyticsSnapshot' },
  attributes: {
    ...fixedStrings('orgId', 'eventId', 'scope'),
    /** The figures as JSON (domain/model.ts: a session's, or the event's head). */
    figures: { type: 'string', required: true },
    computedAt: { type: 'string', required: true },
  },
  indexes: {
    byEvent: {
      pk: key('pk', ['orgId', 'eventId'], '${orgId}#event#${eventId}#analytics'),
      sk: key('sk', ['scope'], 'scope#${scope}'),
    },
  },
});
