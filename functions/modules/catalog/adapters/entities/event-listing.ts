import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';
import { priceAttribute } from './price.js';

/**
 * The tenant-wide listing of published public events for attendee apps: one item per listing an
 * event appears in (`scope` is `all`, or `tag#<tag>` for each of its tags), carrying what the
 * listing shows. Written and removed in the same transaction as the event change that causes it.
 *
 * Key templates:
 * - table: pk `${orgId}#events#${eventId}#listings`   sk `${scope}`
 * - gsi2:  pk `public-events#${scope}`                sk `${startKey}#${orgId}#${eventId}`
 *   The one partition key not led by an org id: the listing spans organizations by nature.
 */
export const eventListingEntity = new Entity({
  model: { ...entityBase, entity: 'eventListing' },
  attributes: {
    ...fixedStrings('orgId', 'eventId', 'scope'),
    startKey: { type: 'string', required: true },
    venueId: { type: 'string', required: true },
    title: { type: 'string', required: true },
    description: { type: 'string', required: true },
    startsAt: { type: 'string' },
    endsAt: { type: 'string' },
    tags: { type: 'list', required: true, items: { type: 'string' } },
    coverImageUrls: { type: 'list', required: true, items: { type: 'string' } },
    admission: { type: ['open', 'approval'] as const, required: true },
    price: priceAttribute,
  },
  indexes: {
    byEvent: {
      pk: key('pk', ['orgId', 'eventId'], '${orgId}#events#${eventId}#listings'),
      sk: key('sk', ['scope'], '${scope}'),
    },
    byScope: {
      index: 'gsi2',
      pk: key('gsi2pk', ['scope'], 'public-events#${scope}'),
      sk: key('gsi2sk', ['startKey', 'orgId', 'eventId'], '${startKey}#${orgId}#${eventId}'),
    },
  },
});
