import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handler } from '../../functions/app/lambdas/notifications.js';
import { newId } from '../../functions/kernel/domain/ids.js';
import { formatZoned } from '../../functions/kernel/domain/time/zoned.js';
import type { EventlyService } from '../../functions/kernel/dynamo/service.js';
import { book } from '../../functions/modules/bookings/domain/bookings.js';
import { cancelBooking } from '../../functions/modules/bookings/domain/bookings-changes.js';
import { redeliveryWindowMs } from '../../functions/modules/notifications/domain/handoff.js';
import type { NotificationRef } from '../../functions/modules/notifications/domain/model.js';
import { setMyNotificationPreferences } from '../../functions/modules/notifications/domain/notifications.js';
import {
  defaultOutboxSweepOptions,
  sweepOutbox,
} from '../../functions/modules/notifications/domain/outbox-relay.js';
import type { QueuePollers } from '../../scripts/local/queue-poller.js';
import { localSqsClient } from '../../scripts/local/queues.js';
import type { StreamPollers } from '../../scripts/local/stream-poller.js';
import { ada, manualClock } from './booking-world.js';
import { lambdaContext } from './fixtures.js';
import {
  commitNotification,
  deliverMessage,
  eventually,
  fakeChannels,
  messagesIn,
  NIA_PHONE,
  type NotificationWorld,
  nia,
  notificationWorld,
  outboxReader,
  pollNotifications,
  receiveBodies,
  relayOutbox,
  sqsEvent,
} from './notification-world.js';

/**
 * The notifications consumer over fauxqs and DynamoDB Local: the real handler, relay, sweep and
 * store; only the channel adapters are faked (SES and SNS have no local engine).
 */
describe('notification delivery through the notifications queue', () => {
  let w: NotificationWorld;
  let sqs: SQSClient;
  let service: EventlyService;
  let itemOf: ReturnType<typeof outboxReader>['itemOf'];
  let pollers: QueuePollers | undefined;
  let relay: StreamPollers | undefined;
  const endpoint = () => process.env.SQS_ENDPOINT ?? '';

  beforeAll(async () => {
    w = await notificationWorld(endpoint());
    sqs = localSqsClient(endpoint());
    ({ service, itemOf } = outboxReader(w.tableName));
  });
  afterEach(async () => {
    await Promise.all([pollers?.stop(), relay?.stop()]);
    pollers = undefined;
    relay = undefined;
    w.c.deps.clock = { now: () => new Date() };
    await usePreferences(['email', 'in_app']);
  });
  afterAll(() => sqs.destroy());
  const sweepNow = { ...defaultOutboxSweepOptions, graceMs: 0 };

  const poll = () => {
    pollers = pollNotifications(w, endpoint());
  };
  /** The outbox relay on the table's stream: only where a test relies on it, so others hand items themselves. */
  const startRelay = async () => {
    relay = await relayOutbox(w);
  };
  const run = (...bodies: unknown[]) => handler(sqsEvent(...bodies), lambdaContext() as never);
  const niaNotification = async (): Promise<NotificationRef> =>
    commitNotification(w.tableName, {
      orgId: w.world.orgId,
      sessionId: (await w.world.session(w.world.freeEventId, 'general')).sessionId,
      recipientId: w.niaId,
      userId: nia.sub,
    });
  const useChannels = () => {
    const fake = fakeChannels();
    w.c.channels = fake.channels;
    return fake;
  };
  const usePreferences = (
    channels: ('email' | 'sms' | 'push' | 'in_app')[],
    quietHours: { start: string; end: string } | null = null,
  ) => setMyNotificationPreferences(w.c.deps, nia, w.world.orgId, { channels, quietHours });

  it("a booking's notification goes out once, through the stream relay, and is listed in-app", async () => {
    const fake = useChannels();
    poll();
    await startRelay();
    const session = await w.world.session(w.world.freeEventId, 'general');
    const booking = await book(w.c.deps, ada, w.world.orgId, session.sessionId, { attendeeId: w.world.ada });
    const listed = await eventually(
      () => w.c.deps.notifications.listByUser(ada.sub, { limit: 10 }),
      (p) => p.items.some((n) => n.payload.bookingId === booking.bookingId && n.status === 'sent'),
    );
    const mine = listed.items.find((n) => n.payload.bookingId === booking.bookingId);
    expect(mine).toMatchObject({
      type: 'booking.confirmed',
      status: 'sent',
      sentChannels: ['email'],
      attempts: 1,
    });
    expect(fake.sent.map((m) => [m.channel, m.to, m.notification.type])).toEqual([
      ['email', 'ada@example.com', 'booking.confirmed'],
    ]);
  });

  it('a failing send is retried, the item ends failed after N attempts and the message in the DLQ', async () => {
    const fake = useChannels();
    fake.failOn.add('email');
    const ref = await niaNotification();
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: w.notifications.url,
        MessageBody: JSON.stringify(deliverMessage(ref)),
      }),
    );
    poll();
    const dead = await eventually(
      () => messagesIn(sqs, w.notifications.dlqUrl),
      (n) => n === 1,
      25_000,
    );
    expect(dead).toBe(1);
    const item = await itemOf(ref);
    const maxReceiveCount = w.notifications.definition.maxReceiveCount;
    // The item fails on the message's last receive. A receive the consumer never saw (a poller
    // stopped mid long-poll by the previous test) counts for SQS but not for the item, so the
    // item's attempts are the sends really tried: at most N, and more than one (it was retried).
    const tries = fake.tried.length;
    expect(item).toMatchObject({ status: 'failed', attempts: tries, lastError: 'email provider is down' });
    expect(tries).toBeGreaterThan(1);
    expect(tries).toBeLessThanOrEqual(maxReceiveCount);
    expect(item?.dueAt).toBe('none');
    expect(fake.sent).toEqual([]);
  }, 40_000);

  it("a party's notification goes to its leader's address", async () => {
    const fake = useChannels();
    const ref = await commitNotification(w.tableName, {
      orgId: w.world.orgId,
      sessionId: (await w.world.session(w.world.freeEventId, 'general')).sessionId,
      recipientId: w.world.partyId,
      userId: null,
    });
    await run(deliverMessage(ref));
    expect(fake.sent.map((m) => [m.channel, m.to])).toEqual([['email', 'ben@example.com']]);
    expect(await itemOf(ref)).toMatchObject({ status: 'sent', sentChannels: ['email'] });
  });

  it('a duplicate delivery sends once: the same message twice in a batch, and two consumers at once', async () => {
    const fake = useChannels();
    const ref = await niaNotification();
    const message = deliverMessage(ref);
    const [first, second] = await Promise.all([run(message, message), run(message, message)]);
    expect([...first.batchItemFailures, ...second.batchItemFailures]).toEqual([]);
    expect(fake.sent.map((m) => m.channel)).toEqual(['email']);
    // A redelivery long after it was sent finds nothing left to send.
    await run(message);
    expect(fake.sent).toHaveLength(1);
    expect(await itemOf(ref)).toMatchObject({ status: 'sent', sentChannels: ['email'], attempts: 1 });
  });

  it('a redelivered message never sends again what already went out (email sent, SMS failed)', async () => {
    await usePreferences(['email', 'sms', 'in_app']);
    const fake = useChannels();
    fake.failOn.add('sms');
    const ref = await niaNotification();
    const failed = await run(deliverMessage(ref));
    expect(failed.batchItemFailures).toHaveLength(1);
    expect(await itemOf(ref)).toMatchObject({ status: 'pending', sentChannels: ['email'], attempts: 1 });
    fake.failOn.clear();
    const retried = await run(deliverMessage(ref));
    expect(retried.batchItemFailures).toEqual([]);
    expect(fake.sent.map((m) => [m.channel, m.to])).toEqual([
      ['email', 'nia@example.com'],
      ['sms', NIA_PHONE],
    ]);
    expect(await itemOf(ref)).toMatchObject({ status: 'sent', sentChannels: ['email', 'sms'], attempts: 2 });
  });

  it('preferences are respected: in-app only sends nothing and still completes the item', async () => {
    await usePreferences(['in_app']);
    const fake = useChannels();
    const ref = await niaNotification();
    await run(deliverMessage(ref));
    expect(fake.sent).toEqual([]);
    const item = await itemOf(ref);
    expect(item?.status).toBe('sent');
    expect(item?.sentChannels ?? []).toEqual([]);
  });

  it("quiet hours in the venue's time zone defer SMS until they end; email goes at once", async () => {
    const fake = useChannels();
    const ref = await niaNotification();
    const start = new Date();
    const clock = manualClock(w.c.deps, start);
    const hhmm = (ms: number) => formatZoned(ms, 'Europe/Berlin').slice(11, 16);
    await usePreferences(['email', 'sms'], {
      start: hhmm(start.getTime() - 60 * 60_000),
      end: hhmm(start.getTime() + 60 * 60_000),
    });
    await run(deliverMessage(ref));
    expect(fake.sent.map((m) => m.channel)).toEqual(['email']);
    const deferred = await itemOf(ref);
    expect(deferred).toMatchObject({ status: 'pending', sentChannels: ['email'] });
    const endsAt = Date.parse(deferred?.dueAt ?? '');
    expect(endsAt).toBeGreaterThan(start.getTime() + 59 * 60_000);
    expect(endsAt).toBeLessThanOrEqual(start.getTime() + 60 * 60_000);

    // Redelivered before the end (a duplicate, or the sweep): still nothing on SMS.
    await run(deliverMessage(ref));
    expect(fake.sent.map((m) => m.channel)).toEqual(['email']);
    // After the end the sweep finds it due and re-enqueues it; its delivery sends the SMS only.
    clock.set(new Date(endsAt + 1000));
    await run({ type: 'outbox.sweep' });
    const relayed = (await receiveBodies(sqs, w.notifications.url)).filter(
      (b) => (b as { messageId?: string }).messageId === ref.messageId,
    );
    expect(relayed).toHaveLength(1);
    await run(...relayed);
    expect(fake.sent.map((m) => [m.channel, m.to])).toEqual([
      ['email', 'nia@example.com'],
      ['sms', NIA_PHONE],
    ]);
    expect(await itemOf(ref)).toMatchObject({ status: 'sent', sentChannels: ['email', 'sms'] });
  });

  it("quiet hours of a notification without a session (an announcement's) are read in the zone it carries", async () => {
    const fake = useChannels();
    const ref = await commitNotification(w.tableName, {
      orgId: w.world.orgId,
      sessionId: newId('ann'),
      recipientId: w.niaId,
      userId: nia.sub,
      timeZone: 'Asia/Kolkata',
    });
    const start = new Date();
    manualClock(w.c.deps, start);
    // Quiet now in Kolkata; in UTC these wall-clock times are hours away.
    const hhmm = (ms: number) => formatZoned(ms, 'Asia/Kolkata').slice(11, 16);
    await usePreferences(['email', 'sms'], {
      start: hhmm(start.getTime() - 60 * 60_000),
      end: hhmm(start.getTime() + 60 * 60_000),
    });
    await run(deliverMessage(ref));

    expect(fake.sent.map((m) => m.channel)).toEqual(['email']);
    expect(await itemOf(ref)).toMatchObject({ status: 'pending', sentChannels: ['email'] });
  });

  it('a committed notification whose process died before enqueueing is delivered by the sweep once the queue cannot be delivering it', async () => {
    const fake = useChannels();
    const ref = await niaNotification();
    // The commit records the stream relay's hand-off, which never came (no relay runs here).
    expect(await itemOf(ref)).toMatchObject({ status: 'pending', attempts: 0, handoffs: 1 });
    const clock = manualClock(w.c.deps, new Date(Date.parse(ref.at) + redeliveryWindowMs - 1000));
    // Inside the window the queue might still hold the message: the sweep leaves the item alone.
    expect(await sweepOutbox(w.c.deps, w.c.deps.clock.now(), sweepNow)).toMatchObject({
      found: 0,
      relayed: 0,
    });
    expect(await itemOf(ref)).toMatchObject({ status: 'pending', handoffs: 1 });
    clock.set(new Date(Date.parse(ref.at) + redeliveryWindowMs + 1000));
    poll();
    await run({ type: 'outbox.sweep' });
    const item = await eventually(
      () => itemOf(ref),
      (i) => i?.status === 'sent',
    );
    expect(item).toMatchObject({ status: 'sent', sentChannels: ['email'], handoffs: 2 });
    expect(fake.sent.filter((m) => m.notification.messageId === ref.messageId)).toHaveLength(1);
  });

  it('capacity.released goes to the holds queue and its outbox item is consumed', async () => {
    await startRelay();
    const session = await w.world.session(w.world.freeEventId, 'general');
    const booking = await book(w.c.deps, ada, w.world.orgId, session.sessionId, { attendeeId: w.world.ada });
    await cancelBooking(w.c.deps, ada, {
      orgId: w.world.orgId,
      sessionId: session.sessionId,
      bookingId: booking.bookingId,
    });
    const bodies = await eventually(
      () => receiveBodies(sqs, w.holds.url),
      (b) => b.length > 0,
    );
    expect(bodies).toContainEqual({
      type: 'capacity.released',
      orgId: w.world.orgId,
      sessionId: session.sessionId,
    });
    // The relay marks it consumed right after publishing it.
    const events = await eventually(
      async () => {
        const { data } = await service.entities.outbox.query
          .bySession({ orgId: w.world.orgId, sessionId: session.sessionId })
          .go({ consistent: true });
        return data.filter((i) => i.kind === 'domain-event').map((i) => [i.type, i.status]);
      },
      (found) => found.every(([, status]) => status === 'consumed'),
    );
    // The booking's public events (published to the local bus) are consumed by the relay too.
    expect(events).toHaveLength(3);
    expect(events).toEqual(
      expect.arrayContaining([
        ['capacity.released', 'consumed'],
        ['booking.confirmed', 'consumed'],
        ['booking.cancelled', 'consumed'],
      ]),
    );
  });
});
