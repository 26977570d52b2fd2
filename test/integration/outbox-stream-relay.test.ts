import type { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { streamConsumers } from '../../functions/app/stream-definitions.js';
import { book } from '../../functions/modules/bookings/domain/bookings.js';
import type { NotificationRef } from '../../functions/modules/notifications/domain/model.js';
import {
  defaultOutboxSweepOptions,
  sweepOutbox,
} from '../../functions/modules/notifications/domain/outbox-relay.js';
import type { OutboxPublisher } from '../../functions/modules/notifications/domain/ports.js';
import { countRequestsTo } from '../../scripts/handler-load/request-count.js';
import { localSqsClient } from '../../scripts/local/queues.js';
import type { StreamPollers } from '../../scripts/local/stream-poller.js';
import { ada } from './booking-world.js';
import {
  commitNotification,
  eventually,
  type NotificationWorld,
  nia,
  notificationWorld,
  outboxReader,
  receiveBodies,
  relayOutbox,
} from './notification-world.js';

/**
 * The outbox relay on the table's stream (DynamoDB Local's), with the real `outbox` handler:
 * committed outbox items reach their queues without the request that committed them sending
 * anything, other records never invoke it, and a failed hand-off is left to the sweep.
 */
describe('outbox relay through the table stream', () => {
  let w: NotificationWorld;
  let sqs: SQSClient;
  let itemOf: ReturnType<typeof outboxReader>['itemOf'];
  let relay: StreamPollers | undefined;
  const endpoint = () => process.env.SQS_ENDPOINT ?? '';
  const retries = streamConsumers[0].retryAttempts;

  beforeAll(async () => {
    w = await notificationWorld(endpoint());
    sqs = localSqsClient(endpoint());
    ({ itemOf } = outboxReader(w.tableName));
  });
  afterEach(async () => {
    await relay?.stop();
    relay = undefined;
  });
  afterAll(() => sqs.destroy());

  const bookingBy = async () => {
    const session = await w.world.session(w.world.freeEventId, 'general');
    return book(w.c.deps, ada, w.world.orgId, session.sessionId, { attendeeId: w.world.ada });
  };
  const deliveries = (bodies: unknown[]) =>
    bodies.filter((b) => (b as { type?: string }).type === 'notification.deliver') as (NotificationRef & {
      type: string;
    })[];
  const notifyBody = (ref: NotificationRef) => ({ type: 'notification.deliver', ...ref });
  const niaNotification = async () =>
    commitNotification(w.tableName, {
      orgId: w.world.orgId,
      sessionId: (await w.world.session(w.world.freeEventId, 'general')).sessionId,
      recipientId: w.niaId,
      userId: nia.sub,
    });

  it('a booking sends nothing to SQS itself; the relay hands its notification over from the stream', async () => {
    // No relay: the booking's request path makes no SQS request, and nothing reaches the queue.
    const requests = countRequestsTo(endpoint());
    const unrelayed = await bookingBy();
    requests.stop();
    expect(requests.count()).toBe(0);
    expect(deliveries(await receiveBodies(sqs, w.notifications.url))).toEqual([]);
    const ref = {
      orgId: w.world.orgId,
      sessionId: unrelayed.sessionId,
      at: unrelayed.createdAt,
      messageId: `notify#${unrelayed.bookingId}#confirmed`,
    };
    expect(await itemOf(ref)).toMatchObject({ status: 'pending', handoffs: 1 });

    relay = await relayOutbox(w);
    const booking = await bookingBy();
    const expected = notifyBody({
      orgId: w.world.orgId,
      sessionId: booking.sessionId,
      at: booking.createdAt,
      messageId: `notify#${booking.bookingId}#confirmed`,
    });
    const received = await eventually(
      async () => deliveries(await receiveBodies(sqs, w.notifications.url)),
      (found) => found.length > 0,
      5_000,
    );
    expect(received).toEqual([expected]);
    // The commit recorded this hand-off: the relay adds none, so the sweep leaves the item alone.
    expect(await itemOf(expected)).toMatchObject({ status: 'pending', handoffs: 1, attempts: 0 });
    // Of the booking's items only its outbox items and its audit record reached the function: its
    // notification, its booking.confirmed event (published to the local bus, then consumed) and
    // the record (linked into its hash chain).
    const stats = await eventually(
      async () => relay?.stats().outbox,
      (s) => (s?.records ?? 0) >= 3,
      5_000,
    );
    expect(stats).toMatchObject({ records: 3, failedRecords: 0 });
  });

  it('updates of an outbox item and items of other entities never invoke the relay', async () => {
    relay = await relayOutbox(w);
    const first = await niaNotification();
    await eventually(
      async () => relay?.stats().outbox.records ?? 0,
      (n) => n === 1,
      5_000,
    );
    // An update of the item (read in-app) and a booking (its counter, booking and history items)...
    await w.c.deps.notifications.markRead(first, new Date().toISOString());
    const session = await w.world.session(w.world.freeEventId, 'general');
    const booking = await book(w.c.deps, ada, w.world.orgId, session.sessionId, { attendeeId: w.world.ada });
    // ...then one more new item: the stream is read in order, so once it is relayed, so is all before it.
    const last = await niaNotification();
    const seen = await eventually(
      async () => relay?.stats().outbox.records ?? 0,
      (n) => n >= 5,
      5_000,
    );
    // The new items only: the first, the booking's notification, event and audit record, the last.
    expect(seen).toBe(5);
    const handed = deliveries(await receiveBodies(sqs, w.notifications.url)).map((b) => b.messageId);
    expect(handed).toEqual(
      expect.arrayContaining([first.messageId, `notify#${booking.bookingId}#confirmed`, last.messageId]),
    );
  });

  it('a failed hand-off leaves the item due for the sweep; the record is retried, then given up', async () => {
    const outbox = w.c.deps.outbox;
    const failing: OutboxPublisher = {
      publishNotification: async () => {
        throw new Error('the notifications queue is unreachable');
      },
      publishCapacityReleased: async () => {
        throw new Error('the holds queue is unreachable');
      },
    };
    w.c.deps.outbox = failing;
    try {
      relay = await relayOutbox(w);
      const ref = await niaNotification();
      const stats = await eventually(
        async () => relay?.stats().outbox,
        (s) => (s?.batches ?? 0) >= retries + 1,
        10_000,
      );
      // The first try and each retry, every one failing the record; then the batch is given up.
      expect(stats).toMatchObject({ batches: retries + 1, records: retries + 1, failedRecords: retries + 1 });
      const item = await itemOf(ref);
      // The commit's hand-off taken back, and due now: the sweep hands it over at once.
      expect(item).toMatchObject({ status: 'pending', handoffs: 0 });
      expect(Date.parse(item?.dueAt ?? '')).toBeLessThanOrEqual(Date.now());
      w.c.deps.outbox = outbox;
      const swept = await sweepOutbox(w.c.deps, new Date(), { ...defaultOutboxSweepOptions, graceMs: 0 });
      expect(swept.relayed).toBeGreaterThanOrEqual(1);
      const handed = deliveries(await receiveBodies(sqs, w.notifications.url));
      expect(handed.map((b) => b.messageId)).toContain(ref.messageId);
      expect(await itemOf(ref)).toMatchObject({ status: 'pending', handoffs: 1 });
    } finally {
      w.c.deps.outbox = outbox;
    }
  }, 20_000);

  it('a public event the bus refuses is left pending for the sweep, without failing its record', async () => {
    const bus = w.c.deps.eventBus;
    w.c.deps.eventBus = {
      publish: async () => {
        throw new Error('the event bus is unavailable');
      },
    };
    try {
      relay = await relayOutbox(w);
      const booking = await bookingBy();
      const ref = {
        orgId: w.world.orgId,
        sessionId: booking.sessionId,
        at: booking.createdAt,
        messageId: `event#booking.confirmed#${booking.bookingId}#confirmed`,
      };
      // Its notification, its event and its audit record reached the relay; none failed (nothing
      // held the shard).
      const stats = await eventually(
        async () => relay?.stats().outbox,
        (s) => (s?.records ?? 0) >= 3,
        5_000,
      );
      expect(stats).toMatchObject({ records: 3, failedRecords: 0 });
      expect(await itemOf(ref)).toMatchObject({ status: 'pending', kind: 'domain-event' });
      // The bus is back: the sweep publishes it.
      w.c.deps.eventBus = bus;
      await sweepOutbox(w.c.deps, new Date(), { ...defaultOutboxSweepOptions, graceMs: 0 });
      expect(await itemOf(ref)).toMatchObject({ status: 'consumed' });
    } finally {
      w.c.deps.eventBus = bus;
    }
  });
});
