import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound, validationFailed } from '../../../kernel/domain/errors.js';
import { everyPage } from '../../../kernel/domain/every-page.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import { type Device, deviceIdOf, maxDevicesPerUser, type PushPlatform } from './device-model.js';
import type { PushMessage } from './ports.js';

/**
 * The signed-in user's push devices: register (idempotent by token; a token registered by another
 * user moves to the caller), list, remove. A user's, not an organization's: no membership gate.
 */

export type DeviceDeps = Pick<Deps, 'devices' | 'pushEndpoints' | 'clock'>;

export interface DeviceRegistration {
  platform: PushPlatform;
  token: string;
}

/** How often a registration reads again when a concurrent one changed the device under it. */
const attempts = 3;

/** A device removed from the table, then its endpoint (an endpoint left by a crash in between is inert). */
const removeDevice = async (deps: Pick<Deps, 'devices' | 'pushEndpoints'>, device: Device): Promise<void> => {
  if (await deps.devices.remove(device)) await deps.pushEndpoints.remove(device.endpointId);
};

/** Drops the user's oldest registrations so that one more fits under the limit. */
const makeRoom = async (deps: Pick<Deps, 'devices' | 'pushEndpoints'>, userId: string): Promise<void> => {
  // More than the limit may exist after concurrent registrations: each trims again.
  const { items } = await deps.devices.listByUser(userId, { limit: maxDevicesPerUser * 2 });
  for (const oldest of items.slice(0, Math.max(0, items.length - maxDevicesPerUser + 1)))
    await removeDevice(deps, oldest);
};

const endpointFor = async (
  deps: DeviceDeps,
  input: DeviceRegistration,
  deviceId: string,
): Promise<string> => {
  const endpointId = await deps.pushEndpoints.create(input.platform, input.token, deviceId);
  if (endpointId === 'invalid-token')
    throw validationFailed([
      { field: 'token', message: `is not a device token the ${input.platform} platform accepts` },
    ]);
  return endpointId;
};

/**
 * Registers the caller's device. `created`: it was not theirs before (new, or moved from another
 * user); registering it again only refreshes its registration time. Every write is conditional on
 * the device as read, so a retry or a race with another registration never loses a move.
 */
export const registerMyDevice = async (
  deps: DeviceDeps,
  principal: Principal,
  input: DeviceRegistration,
): Promise<{ device: Device; created: boolean }> => {
  if (!deps.pushEndpoints.configured(input.platform))
    throw new DomainError(
      'PUSH_NOT_CONFIGURED',
      `push is not configured for the platform ${input.platform}`,
      {
        platform: input.platform,
      },
    );
  const deviceId = deviceIdOf(input.platform, input.token);
  for (let i = 0; i < attempts; i++) {
    const previous = await deps.devices.get(deviceId);
    const mine = previous?.userId === principal.sub;
    const endpointId = mine ? previous.endpointId : await endpointFor(deps, input, deviceId);
    if (!mine) await makeRoom(deps, principal.sub);
    const device: Device = {
      deviceId,
      userId: principal.sub,
      platform: input.platform,
      endpointId,
      registeredAt: deps.clock.now().toISOString(),
    };
    if (await deps.devices.put(device, previous)) return { device, created: !mine };
  }
  throw new DomainError(
    'CONFLICT',
    'the device is being registered by someone else at the same time: try again',
  );
};

export const listMyDevices = (
  deps: Pick<Deps, 'devices'>,
  principal: Principal,
  page: PageRequest,
): Promise<Page<Device>> => deps.devices.listByUser(principal.sub, page);

/** Only the caller's own device: anyone else's, like a missing one, is NOT_FOUND. */
export const removeMyDevice = async (
  deps: Pick<Deps, 'devices' | 'pushEndpoints'>,
  principal: Principal,
  deviceId: string,
): Promise<void> => {
  const device = await deps.devices.get(deviceId);
  if (device?.userId !== principal.sub) throw notFound('device');
  await removeDevice(deps, device);
};

/**
 * A push to each of the user's devices. A device whose endpoint is disabled or gone (the app was
 * uninstalled, the token expired) is removed. `unsupported` when no device was reached: the
 * notification completes without push.
 */
export const pushToUser = async (
  deps: Pick<Deps, 'devices' | 'pushEndpoints'>,
  userId: string,
  message: PushMessage,
): Promise<'sent' | 'unsupported'> => {
  const { items } = await deps.devices.listByUser(userId, { limit: maxDevicesPerUser * 2 });
  let reached = 0;
  for (const device of items) {
    if ((await deps.pushEndpoints.publish(device, message)) === 'sent') reached += 1;
    else await removeDevice(deps, device);
  }
  return reached > 0 ? 'sent' : 'unsupported';
};

/** Removes every device of the user with its endpoint (an account's erasure); safe to run again. */
export const removeDevicesOf = async (
  deps: Pick<Deps, 'devices' | 'pushEndpoints'>,
  userId: string,
): Promise<void> => {
  const devices = await everyPage((page) => deps.devices.listByUser(userId, page));
  for (const device of devices) await removeDevice(deps, device);
};
