import { beforeEach, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import { DomainError } from '../../functions/kernel/domain/errors.js';
import { deviceIdOf, maxDevicesPerUser } from '../../functions/modules/notifications/domain/device-model.js';
import {
  listMyDevices,
  pushToUser,
  registerMyDevice,
  removeMyDevice,
} from '../../functions/modules/notifications/domain/devices.js';
import type { Notification } from '../../functions/modules/notifications/domain/model.js';
import type { PushEndpoints } from '../../functions/modules/notifications/domain/ports.js';
import { freshContainer, user } from './fixtures.js';

/**
 * The device use cases on DynamoDB Local with the real device store: registration is idempotent
 * by token, a token registered by another user moves to them, a user keeps at most
 * `maxDevicesPerUser` (the oldest registration goes), removal is the owner's only, and a push
 * removes the devices whose endpoints are gone. The endpoints port is a recording stand-in: SNS
 * has no local engine (its adapter is tested with a mocked client in sns-push.test.ts).
 */

const ada = user('dev-ada');
const ben = user('dev-ben');
const token = (n: number) => n.toString(16).padStart(64, 'a');

const recordingEndpoints = () => {
  const calls: string[] = [];
  const gone = new Set<string>();
  const port: PushEndpoints = {
    configured: (platform) => platform !== 'apns_sandbox',
    create: async (platform, t, deviceId) => {
      calls.push(`create ${deviceId}`);
      return t.startsWith('bad')
        ? 'invalid-token'
        : `arn:aws:sns:eu-west-1:1:endpoint/${platform}/app/${deviceId}`;
    },
    remove: async (endpointId) => void calls.push(`remove ${endpointId}`),
    publish: async (device) => {
      calls.push(`publish ${device.deviceId}`);
      return gone.has(device.deviceId) ? 'gone' : 'sent';
    },
  };
  return { port, calls, gone };
};

let c: Container;
let endpoints: ReturnType<typeof recordingEndpoints>;
let ms: number;

beforeEach(async () => {
  c = await freshContainer();
  endpoints = recordingEndpoints();
  c.deps.pushEndpoints = endpoints.port;
  ms = Date.parse('2031-01-01T00:00:00Z');
  // Each reading a second later: registration times order the devices.
  c.deps.clock = {
    now: () => {
      ms += 1000;
      return new Date(ms);
    },
  };
});

const mine = async (who = ada) => (await listMyDevices(c.deps, who, { limit: 50 })).items;
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'none',
    (e: unknown) => (e instanceof DomainError ? e.code : String(e)),
  );

describe('push devices', () => {
  it('registering the same token again is the same device: 201 once, then 200 with a fresh time', async () => {
    const first = await registerMyDevice(c.deps, ada, { platform: 'apns', token: token(1) });
    const again = await registerMyDevice(c.deps, ada, { platform: 'apns', token: token(1) });
    expect(first.created).toBe(true);
    expect(again.created).toBe(false);
    expect(again.device).toMatchObject({ deviceId: deviceIdOf('apns', token(1)), userId: ada.sub });
    expect(again.device.registeredAt > first.device.registeredAt).toBe(true);
    expect(await mine()).toEqual([again.device]);
    // The endpoint was made once: registering again calls no platform.
    expect(endpoints.calls).toEqual([`create ${first.device.deviceId}`]);
    // The same token on another platform is another device.
    await registerMyDevice(c.deps, ada, { platform: 'fcm', token: token(1) });
    expect((await mine()).map((d) => d.platform)).toEqual(['apns', 'fcm']);
  });

  it('a token registered by another user moves to them, with its endpoint', async () => {
    const adas = await registerMyDevice(c.deps, ada, { platform: 'fcm', token: token(2) });
    const bens = await registerMyDevice(c.deps, ben, { platform: 'fcm', token: token(2) });
    expect(bens.created).toBe(true);
    expect(bens.device.deviceId).toBe(adas.device.deviceId);
    expect(bens.device.endpointId).toBe(adas.device.endpointId);
    expect(await mine(ada)).toEqual([]);
    expect((await mine(ben)).map((d) => d.userId)).toEqual([ben.sub]);
    // Ada can no longer remove it; Ben can.
    expect(await codeOf(removeMyDevice(c.deps, ada, bens.device.deviceId))).toBe('NOT_FOUND');
    await removeMyDevice(c.deps, ben, bens.device.deviceId);
    expect(await mine(ben)).toEqual([]);
    expect(endpoints.calls.at(-1)).toBe(`remove ${bens.device.endpointId}`);
    expect(await codeOf(removeMyDevice(c.deps, ben, bens.device.deviceId))).toBe('NOT_FOUND');
  });

  it('two users registering one token at once leave it with exactly one of them', async () => {
    await Promise.all([
      registerMyDevice(c.deps, ada, { platform: 'apns', token: token(3) }),
      registerMyDevice(c.deps, ben, { platform: 'apns', token: token(3) }),
    ]);
    const owners = [...(await mine(ada)), ...(await mine(ben))];
    expect(owners).toHaveLength(1);
    expect(await c.deps.devices.get(deviceIdOf('apns', token(3)))).toEqual(owners[0]);
  });

  it(`keeps at most ${maxDevicesPerUser} devices per user: one more drops the oldest registration`, async () => {
    const made = [];
    for (let n = 0; n < maxDevicesPerUser; n++)
      made.push((await registerMyDevice(c.deps, ada, { platform: 'fcm', token: token(100 + n) })).device);
    // Registering the first one again makes it the most recent: the second is now the oldest.
    await registerMyDevice(c.deps, ada, { platform: 'fcm', token: token(100) });
    const newest = await registerMyDevice(c.deps, ada, { platform: 'fcm', token: token(999) });
    const kept = (await mine()).map((d) => d.deviceId);
    expect(kept).toHaveLength(maxDevicesPerUser);
    expect(kept).not.toContain(made[1]?.deviceId);
    expect(kept).toContain(made[0]?.deviceId);
    expect(kept.at(-1)).toBe(newest.device.deviceId);
    expect(endpoints.calls).toContain(`remove ${made[1]?.endpointId}`);
  });

  it('refuses a platform without an application, and a token the platform refuses, writing nothing', async () => {
    expect(await codeOf(registerMyDevice(c.deps, ada, { platform: 'apns_sandbox', token: token(4) }))).toBe(
      'PUSH_NOT_CONFIGURED',
    );
    const refused = registerMyDevice(c.deps, ada, { platform: 'fcm', token: 'bad'.padEnd(40, 'x') });
    await expect(refused).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { errors: [expect.objectContaining({ field: 'token' })] },
    });
    expect(await mine()).toEqual([]);
  });

  it('a push reaches every device of the user and removes those whose endpoint is gone', async () => {
    const phone = (await registerMyDevice(c.deps, ada, { platform: 'apns', token: token(5) })).device;
    const tablet = (await registerMyDevice(c.deps, ada, { platform: 'fcm', token: token(6) })).device;
    endpoints.gone.add(tablet.deviceId);
    const message = { subject: 'Hi', text: 'Doors open', notification: {} as Notification };
    expect(await pushToUser(c.deps, ada.sub, message)).toBe('sent');
    expect(endpoints.calls.slice(-3)).toEqual([
      `publish ${phone.deviceId}`,
      `publish ${tablet.deviceId}`,
      `remove ${tablet.endpointId}`,
    ]);
    expect((await mine()).map((d) => d.deviceId)).toEqual([phone.deviceId]);
    // No device left that answers: push is unsupported for the user, the notification completes without it.
    endpoints.gone.add(phone.deviceId);
    expect(await pushToUser(c.deps, ada.sub, message)).toBe('unsupported');
    expect(await pushToUser(c.deps, ben.sub, message)).toBe('unsupported');
    expect(await mine()).toEqual([]);
  });
});
