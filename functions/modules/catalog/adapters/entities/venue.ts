import { Entity } from 'electrodb';
import { entityBase } from '../../../../kernel/dynamo/entity-base.js';

/**
 * Key templates (org ids start with `org_`, so no template here can meet another entity's):
 * - table:  pk `${orgId}#venues`                      sk `${venueId}`
 * - gsi2:   pk `${orgId}#venues#manager#${managerId}` sk `venue#${venueId}`
 *
 * A venue without a manager stores `managerId` as `noManager`, which no user id can be (`#` is not
 * allowed in one): ElectroDB writes an index key only from complete composites, and a sparse index
 * would need every partial write to carry all of them.
 */
export const noManager = '#none';

export const venueEntity = new Entity({
  model: { ...entityBase, entity: 'venue' },
  attributes: {
    orgId: { type: 'string', required: true, readOnly: true },
    venueId: { type: 'string', required: true, readOnly: true },
    name: { type: 'string', required: true },
    address: { type: 'string', required: true },
    city: { type: 'string', required: true },
    timezone: { type: 'string', required: true },
    geo: {
      type: 'map',
      properties: { lat: { type: 'number', required: true }, lng: { type: 'number', required: true } },
    },
    type: { type: 'string' },
    rooms: {
      type: 'list',
      required: true,
      items: {
        type: 'map',
        properties: {
          roomId: { type: 'string', required: true },
          name: { type: 'string', required: true },
          capacity: { type: 'number' },
        },
      },
    },
    managerId: { type: 'string', required: true },
    deleting: { type: 'boolean', required: true },
    createdAt: { type: 'string', required: true, readOnly: true },
    updatedAt: { type: 'string', required: true },
  },
  indexes: {
    /** Venues of one organization. */
    byOrg: {
      pk: { field: 'pk', composite: ['orgId'], template: '${orgId}#venues', casing: 'none' },
      sk: { field: 'sk', composite: ['venueId'], template: '${venueId}', casing: 'none' },
    },
    /** Venues one member manages. */
    byManager: {
      index: 'gsi2',
      pk: {
        field: 'gsi2pk',
        composite: ['orgId', 'managerId'],
        template: '${orgId}#venues#manager#${managerId}',
        casing: 'none',
      },
      sk: { field: 'gsi2sk', composite: ['venueId'], template: 'venue#${venueId}', casing: 'none' },
    },
  },
});
