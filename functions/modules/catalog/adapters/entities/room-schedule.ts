import { Entity } from 'electrodb';
import { entityBase } from '../../../../kernel/dynamo/entity-base.js';

/**
 * A room's schedule: one slot item per session and one version item, in one partition per room,
 * so the overlap check is a strongly consistent Query and every write that adds or moves a slot
 * is conditional on (and bumps) the version it was checked against.
 *
 * Key templates:
 * - slot:    pk `${orgId}#sessions#room#${venueId}#${roomId}`  sk `slot#${startsAt}#${sessionId}`
 * - version: pk `${orgId}#sessions#room#${venueId}#${roomId}`  sk `version`
 *            gsi3 pk `${orgId}#sessions#rooms`  sk `${venueId}#${roomId}` (what an org purge walks)
 */
const roomPk = {
  field: 'pk',
  composite: ['orgId', 'venueId', 'roomId'],
  template: '${orgId}#sessions#room#${venueId}#${roomId}',
  casing: 'none',
} as const;

const roomAttributes = {
  orgId: { type: 'string', required: true, readOnly: true },
  venueId: { type: 'string', required: true, readOnly: true },
  roomId: { type: 'string', required: true, readOnly: true },
} as const;

export const roomSlotEntity = new Entity({
  model: { ...entityBase, entity: 'roomSlot' },
  attributes: {
    ...roomAttributes,
    startsAt: { type: 'string', required: true, readOnly: true },
    sessionId: { type: 'string', required: true, readOnly: true },
    eventId: { type: 'string', required: true, readOnly: true },
    endsAt: { type: 'string', required: true },
  },
  indexes: {
    byRoom: {
      pk: roomPk,
      sk: {
        field: 'sk',
        composite: ['startsAt', 'sessionId'],
        template: 'slot#${startsAt}#${sessionId}',
        casing: 'none',
      },
    },
  },
});

export const roomVersionEntity = new Entity({
  model: { ...entityBase, entity: 'roomVersion' },
  attributes: {
    ...roomAttributes,
    version: { type: 'number', required: true },
  },
  indexes: {
    byRoom: {
      pk: roomPk,
      sk: { field: 'sk', composite: [], template: 'version', casing: 'none' },
    },
    byOrg: {
      index: 'gsi3',
      pk: { field: 'gsi3pk', composite: ['orgId'], template: '${orgId}#sessions#rooms', casing: 'none' },
      sk: {
        field: 'gsi3sk',
        composite: ['venueId', 'roomId'],
        template: '${venueId}#${roomId}',
        casing: 'none',
      },
    },
  },
});
