import { Entity } from 'electrodb';
import { entityBase } from '../../../../kernel/dynamo/entity-base.js';
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
    orgId: { type: 'string', required: true, readOnly: true },
    eventId: { type: 'string', required: true, readOnly: true },
    scope: { type: 'string', required: true, readOnly: true },
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
      pk: {
        field: 'pk',
        composite: ['orgId', 'eventId'],
        template: '${orgId}#events#${eventId}#listings',
        casing: 'none',
      },
      sk: { field: 'sk', composite: ['scope'], template: '${scope}', casing: 'none' },
    },
    byScope: {
      index: 'gsi2',
      pk: { field: 'gsi2pk', composite: ['scope'], template: 'public-events#${scope}', casing: 'none' },
      sk: {
        field: 'gsi2sk',
        composite: ['startKey', 'orgId', 'eventId'],
        template: '${startKey}#${orgId}#${eventId}',
        casing: 'none',
      },
    },
  },
});
