import { CustomAttributeType, Entity } from 'electrodb';
import { entityBase, fixedStrings } from '../../../../kernel/dynamo/entity-base.js';
import { key } from '../../../../kernel/dynamo/entity-keys.js';
import type { PushPlatform } from '../../domain/device-model.js';

/**
 * A user's push device (docs/notifications.md, "Devices"). Keyed by its device id (derived from
 * platform and token), not by its user: one token belongs to one user, the last who registered it,
 * and moving it is a conditional put of the one item. The token is not stored (its SNS endpoint
 * holds it).
 *
 * Key templates:
 * - table: pk `device#${deviceId}`  sk `device`
 * - gsi1:  pk `user#${userId}#devices`  sk `${registeredAt}#${deviceId}` (the user's devices,
 *   oldest registration first; never `user#${userId}` alone, the memberships' partition)
 */
export const pushDeviceEntity = new Entity({
  model: { ...entityBase, entity: 'pushDevice' },
  attributes: {
    ...fixedStrings('deviceId'),
    userId: { type: 'string', required: true },
    platform: { type: CustomAttributeType<PushPlatform>('string'), required: true },
    endpointId: { type: 'string', required: true },
    registeredAt: { type: 'string', required: true },
  },
  indexes: {
    byId: {
      pk: key('pk', ['deviceId'], 'device#${deviceId}'),
      sk: key('sk', [], 'device'),
    },
    byUser: {
      index: 'gsi1',
      pk: key('gsi1pk', ['userId'], 'user#${userId}#devices'),
      sk: key('gsi1sk', ['registeredAt', 'deviceId'], '${registeredAt}#${deviceId}'),
    },
  },
});
