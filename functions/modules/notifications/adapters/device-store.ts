import { queryPage } from '../../../kernel/dynamo/pagination.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { unlessConditionFails } from '../../../kernel/dynamo/transactions.js';
import type { Device } from '../domain/device-model.js';
import type { DeviceStore } from '../domain/ports.js';

/** The users' push devices (entities/push-device.ts); every write conditional on the item as read. */
export const dynamoDeviceStore = (service: EventlyService): DeviceStore => {
  const { pushDevice } = service.entities;
  const toDevice = ({ deviceId, userId, platform, endpointId, registeredAt }: Device): Device => ({
    deviceId,
    userId,
    platform,
    endpointId,
    registeredAt,
  });
  return {
    async get(deviceId) {
      const { data } = await pushDevice.get({ deviceId }).go({ consistent: true });
      return data ? toDevice(data) : undefined;
    },

    listByUser: (userId, page) =>
      queryPage(`devices:${userId}`, page, (opts) => pushDevice.query.byUser({ userId }).go(opts), toDevice),

    put: (device, previous) =>
      unlessConditionFails(
        previous
          ? pushDevice
              .put(device)
              .where(
                (a, { eq }) =>
                  `${eq(a.userId, previous.userId)} AND ${eq(a.endpointId, previous.endpointId)}`,
              )
              .go()
          : pushDevice.create(device).go(),
      ),

    remove: (device) =>
      unlessConditionFails(
        pushDevice
          .delete({ deviceId: device.deviceId })
          .where((a, { eq }) => `${eq(a.userId, device.userId)} AND ${eq(a.endpointId, device.endpointId)}`)
          .go(),
      ),
  };
};
