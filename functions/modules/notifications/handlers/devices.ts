import { getContainer } from '../../../app/container.js';
import { created, noContent, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import type { Device } from '../domain/device-model.js';
import { listMyDevices, registerMyDevice, removeMyDevice } from '../domain/devices.js';

const deps = () => getContainer().deps;

/** The answer: the user and the endpoint stay inside. */
const view = (d: Device) => ({ deviceId: d.deviceId, platform: d.platform, registeredAt: d.registeredAt });

export const deviceHandlers = {
  registerMyDevice: async ({ principal, body }) => {
    const { device, created: isNew } = await registerMyDevice(deps(), principal, body);
    return isNew ? created(view(device)) : ok(view(device));
  },
  listMyDevices: async ({ principal, query }) => {
    const page = await listMyDevices(deps(), principal, query);
    return ok({ items: page.items.map(view), nextCursor: page.nextCursor });
  },
  removeMyDevice: async ({ principal, params }) => {
    await removeMyDevice(deps(), principal, params.deviceId);
    return noContent();
  },
} satisfies Partial<RouteHandlers<'orgs'>>;
