import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { oneAuditRecordOf } from '../support/audit-records.js';
import { useLocalRuntime } from '../support/local-runtime.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';
import { berlinIn, publishedSession } from './http-world.js';

/**
 * Outgoing webhooks over HTTP on the local runtime: a booking's events reach the local bus, the
 * webhooks queue and its consumer, which signs and sends them to a receiver in this process.
 * Retries are a second apart here (the production backoff starts at ten seconds).
 */

const rt = useLocalRuntime({
  env: { WEBHOOK_BACKOFF_BASE_MS: '500', WEBHOOK_MAX_BACKOFF_MS: '1000' },
});

interface Subscription {
  subscriptionId: string;
  status: string;
  pausedBy: string | null;
}
interface Delivery {
  eventId: string;
  eventType: string;
  status: string;
  attempts: number;
}

let receiver: WebhookReceiver;
let owner: string;
let orgId: string;
let sessionId: string;
let subscriptionId: string;

let attendees = 0;
/** A booking of a new attendee (the event allows one live booking per attendee). */
const book = async () => {
  attendees += 1;
  const attendee = await rt.call<{ attendeeId: string }>('POST', `/v1/orgs/${orgId}/attendees`, {
    token: owner,
    body: { firstName: 'Ada', lastName: `Lovelace ${attendees}` },
  });
  const attendeeId = attendee.json.attendeeId;
  const booking = await rt.call<{ bookingId: string; status: string }>(
    'POST',
    `/v1/orgs/${orgId}/sessions/${sessionId}/bookings`,
    { token: owner, body: { attendeeId, seats: 1 } },
  );
  expect(booking.json.status, booking.text).toBe('confirmed');
  return booking.json.bookingId;
};

const deliveries = async () => {
  const log = await rt.call<{ items: Delivery[] }>(
    'GET',
    `/v1/orgs/${orgId}/webhooks/${subscriptionId}/deliveries?limit=100`,
    { token: owner },
  );
  expect(log.status, log.text).toBe(200);
  return log.json.items;
};

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  owner = await rt.mintToken({ sub: 'hook-owner', email: 'owner@hooks.example', name: 'Owner' });
  ({ orgId, sessionId } = await publishedSession(rt, owner, {
    orgName: 'Hooks',
    event: { title: 'Gig', defaultCapacity: 50 },
    session: { startsAt: berlinIn(30) },
  }));
});

afterAll(async () => {
  await receiver?.close();
});

describe('webhooks over HTTP', () => {
  it('refuses a plain http endpoint other than this machine, naming the field', async () => {
    const refused = await rt.call('POST', `/v1/orgs/${orgId}/webhooks`, {
      token: owner,
      body: { url: 'http://hooks.example.com/x', eventTypes: ['*'] },
    });
    expect(refused.status, refused.text).toBe(422);
    expect(refused.text).toContain('url');
    const badType = await rt.call('POST', `/v1/orgs/${orgId}/webhooks`, {
      token: owner,
      body: { url: 'https://hooks.example.com/x', eventTypes: ['booking.exploded'] },
    });
    expect(badType.status, badType.text).toBe(422);
    expect(badType.text).toContain('eventTypes');
  });

  it('answers the secret once, and sends a booking’s event signed with it', async () => {
    const created = await rt.call<{ subscription: Subscription; secret: string }>(
      'POST',
      `/v1/orgs/${orgId}/webhooks`,
      { token: owner, body: { url: receiver.url, eventTypes: ['booking.confirmed'], description: 'CRM' } },
    );
    expect(created.status, created.text).toBe(201);
    subscriptionId = created.json.subscription.subscriptionId;
    receiver.secrets = [created.json.secret];
    const read = await rt.call('GET', `/v1/orgs/${orgId}/webhooks/${subscriptionId}`, { token: owner });
    expect(read.status).toBe(200);
    expect(read.text).not.toContain(created.json.secret);
    expect(read.text).not.toContain('whk_');
    const bookingId = await book();
    await vi.waitFor(() => expect(receiver.accepted).toHaveLength(1), { timeout: 20_000, interval: 100 });
    expect(receiver.accepted[0]).toMatchObject({
      eventType: 'booking.confirmed',
      subject: `booking:${bookingId}`,
      verifiedWith: [created.json.secret],
    });
    await vi.waitFor(async () =>
      expect((await deliveries())[0]).toMatchObject({ status: 'delivered', attempts: 1 }),
    );
  });

  it('retries while the receiver answers 503 and delivers once it is back', async () => {
    receiver.answer = 503;
    await book();
    await vi.waitFor(() => expect(receiver.refused).toBeGreaterThanOrEqual(2), {
      timeout: 20_000,
      interval: 100,
    });
    receiver.answer = 200;
    await vi.waitFor(() => expect(receiver.accepted).toHaveLength(2), { timeout: 20_000, interval: 100 });
    const log = await deliveries();
    expect(log[0]?.status).toBe('delivered');
    expect(log[0]?.attempts).toBeGreaterThanOrEqual(3);
  });

  it('holds events while paused by staff and sends them on resume; replays a range', async () => {
    const paused = await rt.call<Subscription>('POST', `/v1/orgs/${orgId}/webhooks/${subscriptionId}/pause`, {
      token: owner,
    });
    expect(paused.json).toMatchObject({ status: 'paused', pausedBy: 'staff' });
    const from = new Date().toISOString();
    await book();
    await vi.waitFor(async () => expect((await deliveries())[0]?.status).toBe('pending'), {
      timeout: 20_000,
    });
    expect(receiver.accepted).toHaveLength(2);
    const resumed = await rt.call<Subscription>(
      'POST',
      `/v1/orgs/${orgId}/webhooks/${subscriptionId}/resume`,
      {
        token: owner,
      },
    );
    expect(resumed.json).toMatchObject({ status: 'active', pausedBy: null });
    await vi.waitFor(() => expect(receiver.accepted).toHaveLength(3), { timeout: 20_000, interval: 100 });
    const replay = await rt.call<{ replayed: number }>(
      'POST',
      `/v1/orgs/${orgId}/webhooks/${subscriptionId}/replay`,
      {
        token: owner,
        body: { from, to: new Date().toISOString() },
      },
    );
    expect(replay.status, replay.text).toBe(202);
    expect(replay.json.replayed).toBe(1);
    expect(await oneAuditRecordOf(rt, replay, 'hook-owner')).toMatchObject({
      action: 'replayWebhookDeliveries',
    });
    await vi.waitFor(() => expect(receiver.accepted).toHaveLength(4), { timeout: 20_000, interval: 100 });
    expect(receiver.accepted[3]?.eventId).toBe(receiver.accepted[2]?.eventId);
  });

  it('rotates the secret: the old one signs beside the new for a day', async () => {
    const rotated = await rt.call<{ secret: string; subscription: { previousSecretValidUntil: string } }>(
      'POST',
      `/v1/orgs/${orgId}/webhooks/${subscriptionId}/rotate-secret`,
      { token: owner },
    );
    expect(rotated.status, rotated.text).toBe(200);
    expect(rotated.json.subscription.previousSecretValidUntil).not.toBeNull();
    const old = receiver.secrets[0] ?? '';
    receiver.secrets = [old, rotated.json.secret];
    await book();
    await vi.waitFor(() => expect(receiver.accepted).toHaveLength(5), { timeout: 20_000, interval: 100 });
    expect(receiver.accepted[4]?.verifiedWith).toEqual([old, rotated.json.secret]);
  });

  it('sends nothing after the subscription is deleted', async () => {
    const deleted = await rt.call('DELETE', `/v1/orgs/${orgId}/webhooks/${subscriptionId}`, { token: owner });
    expect(deleted.status).toBe(204);
    const gone = await rt.call('GET', `/v1/orgs/${orgId}/webhooks/${subscriptionId}`, { token: owner });
    expect(gone.status).toBe(404);
    const listed = await rt.call<{ items: Subscription[] }>('GET', `/v1/orgs/${orgId}/webhooks`, {
      token: owner,
    });
    expect(listed.json.items).toEqual([]);
  });
});
