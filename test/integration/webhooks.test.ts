import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../functions/app/container.js';
import type { DomainEvent } from '../../functions/kernel/domain/domain-event.js';
import {
  createOrganization,
  purgeOrganization,
} from '../../functions/modules/organizations/domain/organizations.js';
import { fanOutEvent, runLane } from '../../functions/modules/webhooks/domain/delivery.js';
import type { SubscriptionRef } from '../../functions/modules/webhooks/domain/ports.js';
import {
  createSubscription,
  getSubscription,
  listDeliveries,
  pauseSubscription,
  replayDeliveries,
  resumeSubscription,
  rotateSecret,
} from '../../functions/modules/webhooks/domain/subscriptions.js';
import {
  startWebhookReceiver,
  verifyEventlySignature,
  type WebhookReceiver,
} from '../support/webhook-receiver.js';
import { freshContainer, user } from './fixtures.js';

/**
 * Webhook delivery on DynamoDB Local against a real HTTP receiver (test/support/webhook-receiver.ts,
 * which verifies as docs/webhooks.md says). The lane messages the use cases send are kept here and
 * run by `drain` on a clock the test moves, so a backoff of minutes or a retry window of a day
 * passes without sleeping.
 */

const owner = user('webhook-owner');
const hour = 3_600_000;

interface Kick {
  ref: SubscriptionRef;
  dueMs: number;
  wake: boolean;
}

describe('outgoing webhooks against DynamoDB Local and a local receiver', () => {
  let c: Container;
  let receiver: WebhookReceiver;
  let orgId: string;
  const clock = { ms: Date.parse('2026-12-04T10:00:00.000Z') };
  const kicks: Kick[] = [];
  let seq = 0;

  /** Runs the lane messages in the order they are due, moving the clock to each; `beforeEach` sees the time. */
  const drain = async (beforeEach: (nowMs: number) => void = () => undefined, rounds = 2_000) => {
    for (let i = 0; i < rounds && kicks.length > 0; i++) {
      kicks.sort((a, b) => a.dueMs - b.dueMs);
      const next = kicks.shift();
      if (!next) break;
      clock.ms = Math.max(clock.ms, next.dueMs);
      beforeEach(clock.ms);
      await runLane(c.deps, next.ref, { wake: next.wake, hasTime: () => true, leaseMs: 60_000 });
    }
    expect(kicks).toEqual([]);
  };

  const event = (type: string, subjectId: string, occurredMs = clock.ms): DomainEvent => {
    seq += 1;
    return {
      id: `evt-${String(seq).padStart(4, '0')}`,
      type,
      version: 1,
      orgId,
      occurredAt: new Date(occurredMs).toISOString(),
      subject: { type: 'booking', id: subjectId },
      data: { bookingId: subjectId, n: seq },
    };
  };

  const feed = async (events: DomainEvent[]) => {
    for (const e of events) await fanOutEvent(c.deps, e, JSON.stringify(e));
  };

  const subscribe = async (types: string[] = ['*']) => {
    const { subscription, secret } = await createSubscription(c.deps, owner, orgId, {
      url: receiver.url,
      eventTypes: types as ['*'],
      description: 'test receiver',
    });
    receiver.secrets = [secret];
    return { ref: { orgId, subscriptionId: subscription.subscriptionId }, secret };
  };

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'webhook-key-'));
    const keyFile = join(dir, 'webhook-key.json');
    await writeFile(
      keyFile,
      JSON.stringify({ seed: 'a-test-seed-that-is-long-enough-for-the-schema-0123456789' }),
    );
    c = await freshContainer({
      WEBHOOK_KEY_FILE: keyFile,
      WEBHOOK_ALLOW_LOCAL_HTTP: 'true',
      WEBHOOK_BACKOFF_BASE_MS: '2000',
      WEBHOOK_MAX_BACKOFF_MS: '600000',
      WEBHOOK_RETRY_WINDOW_MS: String(hour),
      WEBHOOK_PAUSE_AFTER_FAILED: '3',
    });
    c.deps.clock = { now: () => new Date(clock.ms) };
    c.deps.webhookQueue = {
      kick: async (ref, { delaySeconds, wake }) =>
        void kicks.push({ ref, wake, dueMs: clock.ms + delaySeconds * 1000 }),
    };
    receiver = await startWebhookReceiver();
    receiver.nowSeconds = () => Math.floor(clock.ms / 1000);
  });

  afterAll(async () => {
    await receiver?.close();
  });

  const freshOrg = async (name: string) => {
    orgId = (await createOrganization(c.deps, owner, { name })).orgId;
    receiver.accepted.length = 0;
    receiver.refused = 0;
    receiver.answer = 200;
    receiver.delayMs = 0;
  };

  it('signs each delivery so that the documented recipe verifies it, and refuses a tampered or stale one', async () => {
    await freshOrg('Signed');
    const { secret } = await subscribe(['booking.confirmed']);
    expect(secret).toMatch(/^whsec_/);
    const e = event('booking.confirmed', 'bkg-1');
    await feed([e, event('payment.received', 'bkg-1')]);
    await drain();
    expect(receiver.accepted).toHaveLength(1);
    const [got] = receiver.accepted;
    expect(got).toMatchObject({ eventId: e.id, eventType: 'booking.confirmed', body: JSON.stringify(e) });
    expect(got?.verifiedWith).toEqual([secret]);
    expect(got?.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    const now = receiver.nowSeconds();
    expect(verifyEventlySignature(got?.signature, `${got?.body} `, secret, now)).toEqual({
      ok: false,
      reason: 'no signature matches',
    });
    expect(verifyEventlySignature(got?.signature, got?.body ?? '', secret, now + 301)).toEqual({
      ok: false,
      reason: 'timestamp out of tolerance',
    });
    expect(verifyEventlySignature(got?.signature, got?.body ?? '', 'whsec_other', now).ok).toBe(false);
  });

  it('delivers every event once to a receiver that was down for a while, in order per booking', async () => {
    await freshOrg('Down');
    const { ref } = await subscribe();
    const start = clock.ms;
    // Three bookings' events, interleaved, arriving out of order (as SQS may hand them over).
    const events = [
      event('booking.confirmed', 'bkg-a', start + 1),
      event('booking.confirmed', 'bkg-b', start + 2),
      event('payment.received', 'bkg-a', start + 3),
      event('booking.cancelled', 'bkg-b', start + 4),
      event('payment.refunded', 'bkg-b', start + 5),
      event('ticket.checked_in', 'bkg-a', start + 6),
      event('booking.confirmed', 'bkg-c', start + 7),
    ];
    receiver.answer = 503;
    await feed(
      [events[2], events[0], events[6], events[4], events[1], events[5], events[3]].filter(
        (e) => e !== undefined,
      ),
    );
    // Down for ten minutes of retries, then back.
    const upAt = start + 10 * 60_000;
    await drain((now) => {
      if (now >= upAt) receiver.answer = 200;
    });
    expect(receiver.refused).toBeGreaterThan(3);
    expect(receiver.accepted.map((r) => r.eventId)).toEqual(events.map((e) => e.id));
    for (const subject of ['booking:bkg-a', 'booking:bkg-b', 'booking:bkg-c']) {
      const sent = receiver.accepted.filter((r) => r.subject === subject).map((r) => r.eventId);
      const made = events.filter((e) => `booking:${e.subject.id}` === subject).map((e) => e.id);
      expect(sent).toEqual(made);
    }
    const log = await listDeliveries(c.deps, owner, ref, { limit: 25 });
    expect(log.items.map((d) => d.status)).toEqual(events.map(() => 'delivered'));
    // The first one held the lane through its retries; the others went at the first try once it was back.
    expect(log.items.at(-1)).toMatchObject({ eventId: events[0]?.id, lastStatusCode: 204, lastError: null });
    expect(log.items.at(-1)?.attempts).toBeGreaterThan(3);
    expect(log.items[0]?.attempts).toBe(1);
    const sub = await getSubscription(c.deps, owner, ref);
    expect(sub).toMatchObject({ status: 'active', consecutiveFailures: 0, failingSince: null });
  });

  it('records an event once however often its message comes', async () => {
    await freshOrg('Twice');
    const { ref } = await subscribe();
    const e = event('booking.confirmed', 'bkg-1');
    await feed([e, e, e]);
    await drain();
    expect(receiver.accepted.map((r) => r.eventId)).toEqual([e.id]);
    expect((await listDeliveries(c.deps, owner, ref, { limit: 10 })).items).toHaveLength(1);
  });

  it('lets one worker at a time hold a lane', async () => {
    await freshOrg('Lease');
    const { ref } = await subscribe();
    receiver.delayMs = 200;
    await feed([event('booking.confirmed', 'bkg-1'), event('booking.cancelled', 'bkg-1', clock.ms + 1)]);
    kicks.length = 0;
    const options = { wake: false, hasTime: () => true, leaseMs: 60_000 };
    const [first, second] = await Promise.all([runLane(c.deps, ref, options), runLane(c.deps, ref, options)]);
    expect([first.outcome, second.outcome].sort()).toEqual(['busy', 'idle']);
    expect(first.delivered + second.delivered).toBe(2);
    expect(receiver.accepted).toHaveLength(2);
  });

  it('replays the events of a time range, oldest first', async () => {
    await freshOrg('Replay');
    const { ref } = await subscribe();
    const start = clock.ms;
    const events = [0, 1, 2, 3, 4].map((i) => event('booking.confirmed', `bkg-${i}`, start + i * 60_000));
    await feed(events);
    await drain();
    expect(receiver.accepted).toHaveLength(5);
    const result = await replayDeliveries(c.deps, owner, ref, {
      from: new Date(start + 60_000).toISOString(),
      to: new Date(start + 3 * 60_000).toISOString(),
    });
    expect(result).toEqual({ replayed: 3, limited: false });
    await drain();
    expect(receiver.accepted.slice(5).map((r) => r.eventId)).toEqual([
      events[1]?.id,
      events[2]?.id,
      events[3]?.id,
    ]);
    const log = await listDeliveries(c.deps, owner, ref, { limit: 10 });
    expect(log.items.filter((d) => d.replayedAt !== null)).toHaveLength(3);
    await expect(
      replayDeliveries(c.deps, owner, ref, {
        from: new Date(start + 1).toISOString(),
        to: new Date(start).toISOString(),
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { errors: [{ field: 'to' }] } });
  });

  it('pauses a subscription after repeated failed deliveries, records what comes meanwhile, and sends it in order once staff resume it', async () => {
    await freshOrg('Paused');
    const { ref } = await subscribe();
    receiver.answer = 503;
    const start = clock.ms;
    const early = [0, 1, 2, 3, 4].map((i) => event('booking.confirmed', `bkg-${i}`, start + i));
    await feed(early);
    await drain();
    // Three deliveries failed, each after its hour of retries: the subscription is paused.
    const paused = await getSubscription(c.deps, owner, ref);
    expect(paused).toMatchObject({ status: 'paused', pausedBy: 'failures', consecutiveFailures: 3 });
    const log = await listDeliveries(c.deps, owner, ref, { limit: 10 });
    expect(log.items.map((d) => d.status)).toEqual(['pending', 'pending', 'failed', 'failed', 'failed']);
    expect(log.items.at(-1)).toMatchObject({ lastStatusCode: 503, lastError: 'HTTP 503' });
    // While paused: recorded, not sent.
    const late = [event('booking.cancelled', 'bkg-3'), event('booking.cancelled', 'bkg-4', clock.ms + 1)];
    await feed(late);
    await drain();
    expect(receiver.accepted).toHaveLength(0);
    receiver.answer = 200;
    const resumed = await resumeSubscription(c.deps, owner, ref);
    expect(resumed).toMatchObject({ status: 'active', pausedBy: null, consecutiveFailures: 0 });
    await drain();
    expect(receiver.accepted.map((r) => r.eventId)).toEqual([
      early[3]?.id,
      early[4]?.id,
      late[0]?.id,
      late[1]?.id,
    ]);
    // Staff pause too; what waits is sent on resume.
    await pauseSubscription(c.deps, owner, ref);
    await feed([event('booking.expired', 'bkg-9')]);
    await drain();
    expect(receiver.accepted).toHaveLength(4);
    await resumeSubscription(c.deps, owner, ref);
    await drain();
    expect(receiver.accepted).toHaveLength(5);
  });

  it('signs with both secrets for a day after a rotation, then with the new one alone', async () => {
    await freshOrg('Rotated');
    const { ref, secret: old } = await subscribe();
    const { secret: fresh, subscription } = await rotateSecret(c.deps, owner, ref);
    expect(fresh).not.toBe(old);
    expect(subscription.previousKeyUntil).toBe(new Date(clock.ms + 24 * hour).toISOString());
    receiver.secrets = [old, fresh];
    await feed([event('booking.confirmed', 'bkg-1')]);
    await drain();
    expect(receiver.accepted[0]?.signature.match(/v1=/g)).toHaveLength(2);
    expect(receiver.accepted[0]?.verifiedWith).toEqual([old, fresh]);
    clock.ms += 24 * hour + 1;
    await feed([event('booking.cancelled', 'bkg-1')]);
    await drain();
    expect(receiver.accepted[1]?.verifiedWith).toEqual([fresh]);
  });

  it('refuses endpoints that are not https (plain http only to this machine, locally)', async () => {
    await freshOrg('Urls');
    await expect(
      createSubscription(c.deps, owner, orgId, { url: 'http://example.com/hook', eventTypes: ['*'] }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { errors: [{ field: 'url' }] } });
    await expect(
      createSubscription(
        { ...c.deps, webhookPolicy: { ...c.deps.webhookPolicy, allowLocalHttp: false } },
        owner,
        orgId,
        {
          url: receiver.url,
          eventTypes: ['*'],
        },
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: { errors: [{ field: 'url' }] } });
    await expect(
      createSubscription(c.deps, user('stranger'), orgId, {
        url: 'https://example.com/hook',
        eventTypes: ['*'],
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("removes an organization's subscriptions and deliveries with it", async () => {
    await freshOrg('Deleted');
    const { ref } = await subscribe();
    await feed([event('booking.confirmed', 'bkg-1'), event('booking.confirmed', 'bkg-2', clock.ms + 1)]);
    await drain();
    await c.deps.orgs.markDeleting(orgId, new Date(clock.ms).toISOString());
    c.deps.jobs = { send: async () => undefined };
    while ((await purgeOrganization(c.deps, orgId)) === 'more') {
      // one cascade step at a time
    }
    expect(await c.deps.webhooks.getSubscription(orgId, ref.subscriptionId)).toBeUndefined();
    expect((await c.deps.webhooks.listDeliveries(ref, { limit: 10 })).items).toEqual([]);
  });
});
