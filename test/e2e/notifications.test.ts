import { beforeAll, describe, expect, it } from 'vitest';
import { oneAuditRecordOf } from '../support/audit-records.js';
import { useLocalRuntime } from '../support/local-runtime.js';
import { publishedSession } from './http-world.js';

/**
 * Notifications over HTTP against the local runtime: a booking's notification reaches the local
 * delivery log (`GET /local/outbox`) through the outbox relay and the notifications consumer, the
 * in-app list and read mark, and preferences; nobody reads or marks another user's notification.
 */

const rt = useLocalRuntime();

interface Notification {
  notificationId: string;
  orgId: string;
  type: string;
  status: string;
  sentChannels: string[];
  payload: { bookingId?: string };
  readAt: string | null;
}
interface Delivery {
  channel: string;
  to: string;
  type: string;
  notificationId: string;
}

let owner: string;
let ada: string;
let eve: string;
let orgId: string;
let sessionId: string;
let adaAttendeeId: string;

const prefs = () => `/v1/orgs/${orgId}/me/notification-preferences`;

const waitFor = async <T>(
  read: () => Promise<T>,
  done: (v: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
};

beforeAll(async () => {
  owner = await rt.mintToken({ sub: 'nt-owner', email: 'owner@nt.example', name: 'Owner' });
  ada = await rt.mintToken({ sub: 'nt-ada', email: 'ada@nt.example', name: 'Ada' });
  eve = await rt.mintToken({ sub: 'nt-eve', email: 'eve@nt.example', name: 'Eve' });
  ({ orgId, sessionId } = await publishedSession(rt, owner, {
    orgName: 'Notify',
    event: { title: 'Talk', defaultCapacity: 10, price: { kind: 'free' } },
    session: { startsAt: '2031-06-01T19:00' },
  }));
  for (const [token, firstName] of [
    [ada, 'Ada'],
    [eve, 'Eve'],
  ] as const) {
    const me = await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${orgId}/me`, {
      token,
      body: { firstName, lastName: 'L' },
    });
    if (firstName === 'Ada') adaAttendeeId = me.json.attendeeId;
  }
});

describe('notifications over HTTP', () => {
  it("a booking's notification shows in the local outbox and in-app; only its user reads and marks it", async () => {
    const booked = await rt.call<{ bookingId: string }>(
      'POST',
      `/v1/orgs/${orgId}/sessions/${sessionId}/bookings`,
      {
        token: ada,
        body: { attendeeId: adaAttendeeId },
      },
    );
    expect(booked.status, booked.text).toBe(201);
    const bookingId = booked.json.bookingId;

    const outbox = await waitFor(
      () => rt.call<{ items: Delivery[] }>('GET', '/local/outbox'),
      (r) => r.json.items.some((d) => d.type === 'booking.confirmed' && d.to === 'ada@nt.example'),
    );
    expect(outbox.status).toBe(200);
    const delivery = outbox.json.items.find((d) => d.to === 'ada@nt.example');
    expect(delivery).toMatchObject({ channel: 'email', type: 'booking.confirmed' });

    // The delivery is logged before the notification is marked sent: read until it is.
    const list = await waitFor(
      () => rt.call<{ items: Notification[] }>('GET', '/v1/me/notifications?limit=10', { token: ada }),
      (r) => r.json.items.some((n) => n.payload.bookingId === bookingId && n.status === 'sent'),
    );
    expect(list.status, list.text).toBe(200);
    const mine = list.json.items.find((n) => n.payload.bookingId === bookingId);
    expect(mine).toMatchObject({
      orgId,
      type: 'booking.confirmed',
      status: 'sent',
      sentChannels: ['email'],
      readAt: null,
    });
    expect(mine?.notificationId).toBe(delivery?.notificationId);
    const id = mine!.notificationId;

    // Eve sees none of Ada's, and can neither mark nor learn about it.
    const eves = await rt.call<{ items: Notification[] }>('GET', '/v1/me/notifications', { token: eve });
    expect(eves.json.items.map((n) => n.notificationId)).not.toContain(id);
    const stolen = await rt.call('POST', `/v1/me/notifications/${id}/read`, { token: eve });
    expect(stolen.status, stolen.text).toBe(404);
    expect(stolen.headers.get('content-type')).toContain('application/problem+json');
    const still = await rt.call<{ items: Notification[] }>('GET', '/v1/me/notifications', { token: ada });
    expect(still.json.items.find((n) => n.notificationId === id)?.readAt).toBeNull();

    const read = await rt.call<Notification>('POST', `/v1/me/notifications/${id}/read`, { token: ada });
    expect(read.status, read.text).toBe(200);
    expect(read.json.readAt).not.toBeNull();
    await oneAuditRecordOf(rt, read, 'nt-ada');
    const again = await rt.call<Notification>('POST', `/v1/me/notifications/${id}/read`, { token: ada });
    expect(again.json.readAt).toBe(read.json.readAt);
  });

  it('a malformed notification id is a 422 naming the field; an unknown one a 404', async () => {
    const bad = await rt.call<{ errors: { field: string }[] }>(
      'POST',
      '/v1/me/notifications/not!an!id/read',
      {
        token: ada,
      },
    );
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e) => e.field)).toContain('path.notificationId');
    const unknown = Buffer.from(
      JSON.stringify([orgId, sessionId, '2031-01-01T00:00:00.000Z', 'notify#x']),
    ).toString('base64url');
    expect((await rt.call('POST', `/v1/me/notifications/${unknown}/read`, { token: ada })).status).toBe(404);
  });

  it('preferences: defaults, replace, validation, and nobody outside the organization', async () => {
    const defaults = await rt.call('GET', prefs(), { token: ada });
    expect(defaults.status, defaults.text).toBe(200);
    expect(defaults.json).toEqual({ channels: ['email', 'in_app'], quietHours: null });

    const body = { channels: ['sms', 'in_app'], quietHours: { start: '22:00', end: '07:00' } };
    const put = await rt.call('PUT', prefs(), { token: ada, body });
    expect(put.status, put.text).toBe(200);
    expect((await rt.call('GET', prefs(), { token: ada })).json).toEqual(body);
    // Eve's are her own.
    expect((await rt.call('GET', prefs(), { token: eve })).json).toEqual({
      channels: ['email', 'in_app'],
      quietHours: null,
    });

    const bad = await rt.call<{ errors: { field: string }[] }>('PUT', prefs(), {
      token: ada,
      body: { channels: ['fax'], quietHours: { start: '25:00', end: '07:00' } },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e) => e.field)).toEqual(
      expect.arrayContaining(['body.channels.0', 'body.quietHours.start']),
    );
    expect((await rt.call('GET', prefs(), { token: ada })).json).toEqual(body);

    const stranger = await rt.mintToken({ sub: 'nt-stranger', email: 'stranger@nt.example' });
    for (const res of [
      await rt.call('GET', prefs(), { token: stranger }),
      await rt.call('PUT', prefs(), { token: stranger, body }),
    ]) {
      expect(res.status, res.text).toBe(404);
    }
  });
});
