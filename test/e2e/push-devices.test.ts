import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, useLocalRuntime } from '../support/local-runtime.js';
import { publishedSession } from './http-world.js';

/**
 * Push devices over HTTP against the local runtime: the caller registers a device (201, then 200
 * for the same token), lists and removes it, and nobody else can; a token registered by another
 * user moves to them. A notification reaches the local delivery log as push, one line per device,
 * for a user with a registered device, and not for one without (who still gets the email).
 */

const rt = useLocalRuntime();

interface Device {
  deviceId: string;
  platform: string;
  registeredAt: string;
}
interface Delivery {
  channel: string;
  to: string;
  type: string;
  endpoint?: string;
  notificationId: string;
}
interface Notification {
  status: string;
  sentChannels: string[];
  payload: { bookingId?: string };
}

const ok = <T>(res: ApiResponse<T>, status = 200): T => {
  expect(res.status, res.text).toBe(status);
  return res.json;
};

const waitFor = async <T>(
  read: () => Promise<T>,
  done: (v: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
};

const phoneToken = 'ab12'.repeat(16);
let ada: string;
let ben: string;
let orgId: string;
let sessionId: string;
const attendees: Record<string, string> = {};

beforeAll(async () => {
  const owner = await rt.mintToken({ sub: 'pd-owner', email: 'owner@pd.example', name: 'Owner' });
  ada = await rt.mintToken({ sub: 'pd-ada', email: 'ada@pd.example', name: 'Ada' });
  ben = await rt.mintToken({ sub: 'pd-ben', email: 'ben@pd.example', name: 'Ben' });
  ({ orgId, sessionId } = await publishedSession(rt, owner, {
    orgName: 'Push',
    event: { title: 'Gig', defaultCapacity: 10, price: { kind: 'free' } },
    session: { startsAt: '2031-07-01T19:00' },
  }));
  for (const [token, name] of [
    [ada, 'Ada'],
    [ben, 'Ben'],
  ] as const) {
    const me = ok(
      await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${orgId}/me`, {
        token,
        body: { firstName: name, lastName: 'L' },
      }),
    );
    attendees[name] = me.attendeeId;
    ok(
      await rt.call('PUT', `/v1/orgs/${orgId}/me/notification-preferences`, {
        token,
        body: { channels: ['email', 'push', 'in_app'] },
      }),
    );
  }
});

const book = async (token: string, attendeeId: string | undefined) =>
  ok(
    await rt.call<{ bookingId: string }>('POST', `/v1/orgs/${orgId}/sessions/${sessionId}/bookings`, {
      token,
      body: { attendeeId },
    }),
    201,
  ).bookingId;

describe('push devices over HTTP', () => {
  it('registers, lists and removes the caller’s own devices only', async () => {
    const first = await rt.call<Device>('POST', '/v1/me/devices', {
      token: ada,
      body: { platform: 'apns', token: phoneToken },
    });
    const device = ok(first, 201);
    expect(device).toMatchObject({ platform: 'apns', deviceId: expect.stringMatching(/^dev_/) });
    expect(first.text).not.toContain(phoneToken);
    const again = ok(
      await rt.call<Device>('POST', '/v1/me/devices', {
        token: ada,
        body: { platform: 'apns', token: phoneToken },
      }),
    );
    expect(again.deviceId).toBe(device.deviceId);
    const listed = ok(await rt.call<{ items: Device[] }>('GET', '/v1/me/devices', { token: ada }));
    expect(listed.items.map((d) => d.deviceId)).toEqual([device.deviceId]);
    expect(ok(await rt.call<{ items: Device[] }>('GET', '/v1/me/devices', { token: ben })).items).toEqual([]);

    // Ben can neither see nor remove Ada's device: the answer of a missing one.
    const stolen = await rt.call('DELETE', `/v1/me/devices/${device.deviceId}`, { token: ben });
    expect(stolen.status, stolen.text).toBe(404);
    expect(stolen.headers.get('content-type')).toContain('application/problem+json');

    // A tablet, then removed.
    const tablet = ok(
      await rt.call<Device>('POST', '/v1/me/devices', {
        token: ada,
        body: { platform: 'fcm', token: 'fcm:tablet-token-0123456789-abcdefghij' },
      }),
      201,
    );
    expect((await rt.call('DELETE', `/v1/me/devices/${tablet.deviceId}`, { token: ada })).status).toBe(204);
    expect((await rt.call('DELETE', `/v1/me/devices/${tablet.deviceId}`, { token: ada })).status).toBe(404);
    const left = ok(await rt.call<{ items: Device[] }>('GET', '/v1/me/devices', { token: ada }));
    expect(left.items.map((d) => d.deviceId)).toEqual([device.deviceId]);
  });

  it('refuses tokens that are no device token, naming the field', async () => {
    for (const body of [
      { platform: 'apns', token: 'short' },
      { platform: 'apns', token: 'not-hex-'.repeat(8) },
      { platform: 'fcm', token: 'spaces are not in tokens at all, no way' },
    ]) {
      const res = await rt.call<{ errors: { field: string }[] }>('POST', '/v1/me/devices', {
        token: ada,
        body,
      });
      expect(res.status, res.text).toBe(422);
      expect(res.json.errors.map((e) => e.field)).toContain('body.token');
    }
  });

  it('a notification goes out as push to each device of a user who has one, and not to one who has none', async () => {
    const device = ok(await rt.call<{ items: Device[] }>('GET', '/v1/me/devices', { token: ada })).items[0];
    const adaBooking = await book(ada, attendees.Ada);
    const benBooking = await book(ben, attendees.Ben);
    const mine = (token: string, bookingId: string) =>
      waitFor(
        () => rt.call<{ items: Notification[] }>('GET', '/v1/me/notifications?limit=20', { token }),
        (r) => r.json.items.some((n) => n.payload.bookingId === bookingId && n.status === 'sent'),
      ).then((r) => r.json.items.find((n) => n.payload.bookingId === bookingId));
    expect((await mine(ada, adaBooking))?.sentChannels).toEqual(['email', 'push']);
    expect((await mine(ben, benBooking))?.sentChannels).toEqual(['email']);

    const log = ok(await rt.call<{ items: Delivery[] }>('GET', '/local/outbox?limit=200')).items;
    const pushes = log.filter((d) => d.channel === 'push' && d.type === 'booking.confirmed');
    expect(pushes.map((d) => [d.to, d.endpoint])).toEqual([['pd-ada', `local:apns:${device?.deviceId}`]]);
    expect(log.some((d) => d.to === 'ben@pd.example' && d.type === 'booking.confirmed')).toBe(true);
  });

  it('a token registered by another user moves to them', async () => {
    const moved = ok(
      await rt.call<Device>('POST', '/v1/me/devices', {
        token: ben,
        body: { platform: 'apns', token: phoneToken },
      }),
      201,
    );
    expect(ok(await rt.call<{ items: Device[] }>('GET', '/v1/me/devices', { token: ada })).items).toEqual([]);
    const bens = ok(await rt.call<{ items: Device[] }>('GET', '/v1/me/devices', { token: ben })).items;
    expect(bens.map((d) => d.deviceId)).toEqual([moved.deviceId]);
    expect((await rt.call('DELETE', `/v1/me/devices/${moved.deviceId}`, { token: ada })).status).toBe(404);
  });
});
