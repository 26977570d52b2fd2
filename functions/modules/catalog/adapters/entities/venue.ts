import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

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
    ...fixedStrings('orgId', 'venueId'),
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
      pk: key('pk', ['orgId'], '${orgId}#venues'),
      sk: key('sk', ['venueId'], '${venueId}'),
    },
    /** Venues one member manages. */
    byManager: {
      index: 'gsi2',
      pk: key('gsi2pk', ['orgId', 'managerId'], '${orgId}#venues#manager#${managerId}'),
      sk: key('gsi2sk', ['venueId'], 'venue#${venueId}'),
    },
  },
});
