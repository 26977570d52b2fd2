import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * The discovery index (docs/discovery.md): one item per published public event at a placed venue,
 * written and deleted by the catalog in the transaction of each change of the event (and rewritten
 * when its venue's place changes). `cell` is the event's precision-4 geohash, `geohash` its
 * precision-9 one: a search Queries each covering cell's partition, by sort-key prefix for a finer
 * cell.
 *
 * Key templates:
 * - table: pk `${orgId}#events#${eventId}#discovery`  sk `item`
 * - gsi3:  pk `disc#${cell}`  sk `${geohash}#${orgId}#${eventId}`
 *   Not led by an org id: the index spans organizations by nature (as the public listing does);
 *   written only when an event changes, never by bookings.
 */
export const discoveryItemEntity = new Entity({
  model: { ...entityBase, entity: 'discoveryItem' },
  attributes: {
    ...fixedStrings('orgId', 'eventId'),
    venueId: { type: 'string', required: true },
    cell: { type: 'string', required: true },
    geohash: { type: 'string', required: true },
    lat: { type: 'number', required: true },
    lng: { type: 'number', required: true },
    title: { type: 'string', required: true },
    startsAt: { type: 'string' },
    endsAt: { type: 'string' },
    priceMinor: { type: 'number', required: true },
    currency: { type: 'string' },
    // Absent on entries written before it was indexed: the search then reads the event's categories.
    categoryCount: { type: 'number' },
    admission: { type: ['open', 'approval'] as const, required: true },
    interestIds: { type: 'list', required: true, items: { type: 'string' } },
    tags: { type: 'list', required: true, items: { type: 'string' } },
  },
  indexes: {
    byEvent: {
      pk: key('pk', ['orgId', 'eventId'], '${orgId}#events#${eventId}#discovery'),
      sk: key('sk', [], 'item'),
    },
    byCell: {
      index: 'gsi3',
      pk: key('gsi3pk', ['cell'], 'disc#${cell}'),
      sk: key('gsi3sk', ['geohash', 'orgId', 'eventId'], '${geohash}#${orgId}#${eventId}'),
    },
  },
});
