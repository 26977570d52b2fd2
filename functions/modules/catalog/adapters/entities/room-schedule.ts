import { Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';

/**
 * A room's schedule: one slot item per session and one version item, in one partition per room,
 * so the overlap check is a strongly consistent Query and every write that adds or moves a slot
 * is conditional on (and bumps) the version it was checked against, and on the room not being
 * retired (the venue's change that drops a room moves its version and retires it).
 *
 * Key templates:
 * - slot:    pk `${orgId}#sessions#room#${venueId}#${roomId}`  sk `slot#${startsAt}#${sessionId}`
 * - version: pk `${orgId}#sessions#room#${venueId}#${roomId}`  sk `version`
 *            gsi3 pk `${orgId}#sessions#rooms`  sk `${venueId}#${roomId}` (what an org purge walks)
 */
const roomPk = key('pk', ['orgId', 'venueId', 'roomId'], '${orgId}#sessions#room#${venueId}#${roomId}');

export const roomSlotEntity = new Entity({
  model: { ...entityBase, entity: 'roomSlot' },
  attributes: {
    ...fixedStrings('orgId', 'venueId', 'roomId', 'startsAt', 'sessionId', 'eventId'),
    endsAt: { type: 'string', required: true },
  },
  indexes: {
    byRoom: {
      pk: roomPk,
      sk: key('sk', ['startsAt', 'sessionId'], 'slot#${startsAt}#${sessionId}'),
    },
  },
});

export const roomVersionEntity = new Entity({
  model: { ...entityBase, entity: 'roomVersion' },
  attributes: {
    ...fixedStrings('orgId', 'venueId', 'roomId'),
    version: { type: 'number', required: true },
    /** Set when the room left its venue: no session is placed in it afterwards. */
    retired: { type: 'boolean' },
  },
  indexes: {
    byRoom: {
      pk: roomPk,
      sk: key('sk', [], 'version'),
    },
    byOrg: {
      index: 'gsi3',
      pk: key('gsi3pk', ['orgId'], '${orgId}#sessions#rooms'),
      sk: key('gsi3sk', ['venueId', 'roomId'], '${venueId}#${roomId}'),
    },
  },
});
