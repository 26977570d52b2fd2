import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * An event's feedback lives in one partition of its own: the feedback items, the marks of who
 * gave feedback, and the totals of each scope (a session, or `event` for the event as a whole).
 * A purge of the event is a Query; feedback is not written at rates one partition cannot take.
 *
 * Key templates:
 * - table: pk `${orgId}#event#${eventId}#feedback`  sk `item#${scope}#${createdAt}#${feedbackId}`
 *   (an event's feedback by scope and time; one scope's is a prefix of it)
 *
 * An anonymous item has no `attendeeId`: nothing read from it can name its giver.
 */
export const feedbackEntity = new Entity({
  model: { ...entityBase, entity: 'feedback' },
  attributes: {
    ...fixedStrings('orgId', 'eventId', 'feedbackId', 'scope', 'createdAt'),
    sessionId: { type: 'string', readOnly: true },
    anonymous: { type: 'boolean', required: true, readOnly: true },
    attendeeId: { type: 'string', readOnly: true },
    ratings: {
      type: 'map',
      required: true,
      properties: {
        overall: { type: 'number', required: true },
        content: { type: 'number' },
        speaker: { type: 'number' },
        venue: { type: 'number' },
        organization: { type: 'number' },
      },
    },
    comments: { type: 'string', readOnly: true },
    suggestions: { type: 'string', readOnly: true },
    bestAspects: { type: 'string', readOnly: true },
    improvementAreas: { type: 'string', readOnly: true },
  },
  indexes: {
    byEvent: {
      pk: key('pk', ['orgId', 'eventId'], '${orgId}#event#${eventId}#feedback'),
      sk: key('sk', ['scope', 'createdAt', 'feedbackId'], 'item#${scope}#${createdAt}#${feedbackId}'),
    },
  },
});

/**
 * The mark that an attendee gave feedback on a scope: created with the feedback where none is
 * (once per attendee and scope). Its key is a one-way hash of the attendee and the scope, and it
 * names no feedback item, so it cannot tie an anonymous item to its giver. Keyed by its scope
 * too, so that a session's marks go with the session.
 *
 * Key templates:
 * - table: pk `${orgId}#event#${eventId}#feedback`  sk `giver#${scope}#${giverKey}`
 */
export const feedbackGiverEntity = new Entity({
  model: { ...entityBase, entity: 'feedbackGiver' },
  attributes: {
    ...fixedStrings('orgId', 'eventId', 'scope', 'giverKey'),
  },
  indexes: {
    byEvent: {
      pk: key('pk', ['orgId', 'eventId'], '${orgId}#event#${eventId}#feedback'),
      sk: key('sk', ['scope', 'giverKey'], 'giver#${scope}#${giverKey}'),
    },
  },
});

/**
 * The sums and counts of one scope's ratings (and its count of feedback), added to by each
 * feedback's transaction: an average is sum / count, and no write reads it first.
 *
 * Key templates:
 * - table: pk `${orgId}#event#${eventId}#feedback`  sk `totals#${scope}`
 * - gsi2:  pk `${orgId}#session#${scope}#feedback-totals`  sk `${eventId}`
 *   Only for a session's totals: a session's averages without knowing its event (a speaker's).
 */
export const feedbackTotalsEntity = new Entity({
  model: { ...entityBase, entity: 'feedbackTotals' },
  attributes: {
    ...fixedStrings('orgId', 'eventId', 'scope'),
    // Not required: each feedback adds to them (an upsert), whether or not the item exists yet.
    count: { type: 'number' },
    overallSum: { type: 'number' },
    overallCount: { type: 'number' },
    contentSum: { type: 'number' },
    contentCount: { type: 'number' },
    speakerSum: { type: 'number' },
    speakerCount: { type: 'number' },
    venueSum: { type: 'number' },
    venueCount: { type: 'number' },
    organizationSum: { type: 'number' },
    organizationCount: { type: 'number' },
  },
  indexes: {
    byEvent: {
      pk: key('pk', ['orgId', 'eventId'], '${orgId}#event#${eventId}#feedback'),
      sk: key('sk', ['scope'], 'totals#${scope}'),
    },
    bySession: {
      index: 'gsi2',
      condition: (a) => a.scope !== 'event',
      pk: key('gsi2pk', ['orgId', 'scope'], '${orgId}#session#${scope}#feedback-totals'),
      sk: key('gsi2sk', ['eventId'], '${eventId}'),
    },
  },
});
