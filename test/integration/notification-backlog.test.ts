import type { SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { redeliveryWindowMs } from '../../functions/modules/notifications/domain/handoff.js';
import {
  defaultOutboxSweepOptions,
  handOff,
  sweepOutbox,
} from '../../functions/modules/notifications/domain/outbox-relay.js';
import type { QueuePollers } from '../../scripts/local/queue-poller.js';
import { localSqsClient } from '../../scripts/local/queues.js';
import {
  commitNotification,
  fakeChannels,
  messagesIn,
  type NotificationWorld,
  nia,
  notificationWorld,
  outboxReader,
  pollNotifications,
} from './notification-world.js';

/**
 * A delivery outage: the email provider fails while notifications keep being committed, so a
 * backlog builds in the queue; then it comes back. The real consumer, relay, sweep and store run
 * over fauxqs and DynamoDB Local; only the channel is faked (SES has no local engine).
 */
describe('a notification backlog after a delivery outage', () => {
  const backlog = 30;
  let w: NotificationWorld;
  let sqs: SQSClient;
  let itemOf: ReturnType<typeof outboxReader>['itemOf'];
  let pollers: QueuePollers | undefined;
  const endpoint = () => process.env.SQS_ENDPOINT ?? '';
  const sweep = (now: Date) => sweepOutbox(w.c.deps, now, { ...defaultOutboxSweepOptions, graceMs: 0 });
  const poll = () => pollNotifications(w, endpoint());

  beforeAll(async () => {
    // Six seconds between receives: the outage below stays inside the queue's five receives even
    // when a loaded machine takes seconds over a batch (a batch still in hand is received again).
    w = await notificationWorld(endpoint(), 6);
    sqs = localSqsClient(endpoint());
    ({ itemOf } = outboxReader(w.tableName));
  });
  afterAll(async () => {
    await pollers?.stop();
    sqs.destroy();
  });

  it('drains with every notification sent exactly once and at most one extra hand-off each', async () => {
    const fake = fakeChannels();
    w.c.channels = fake.channels;
    fake.failOn.add('email');
    const { sessionId } = await w.world.session(w.world.freeEventId, 'general');
    // Committed and handed over (as the stream relay does) while the provider is down. The
    // consumer starts once all are queued, so that the outage spans the same few receives of
    // every message however long the commits take on a loaded machine.
    const refs = await Promise.all(
      Array.from({ length: backlog }, async () => {
        const ref = await commitNotification(w.tableName, {
          orgId: w.world.orgId,
          sessionId,
          recipientId: w.niaId,
          userId: nia.sub,
        });
        await handOff(w.c.deps, ref);
        return ref;
      }),
    );
    pollers = poll();
    // The backlog: every notification was tried and failed, and its message waits for a retry.
    await vi.waitFor(
      async () => {
        const items = await Promise.all(refs.map(itemOf));
        expect(items.filter((i) => i?.status === 'pending' && i.attempts >= 1)).toHaveLength(backlog);
      },
      { timeout: 15_000, interval: 200 },
    );
    // Delivery stops altogether (no consumer runs), each message still in the queue with only a
    // few receives counted: every receive from here on would bring it nearer the dead-letter queue.
    await pollers.stop();
    // While the queue may still deliver those messages, sweeps hand nothing over again.
    for (let i = 0; i < 3; i++) expect(await sweep(new Date())).toMatchObject({ found: 0, relayed: 0 });
    // Once the queue's redelivery window has passed without a delivery, each item is handed over
    // once more, and a sweep a minute later does not hand it again.
    const late = new Date(Date.now() + redeliveryWindowMs + 1000);
    expect(await sweep(late)).toMatchObject({ found: backlog, relayed: backlog });
    expect(await sweep(new Date(late.getTime() + 60_000))).toMatchObject({ found: 0, relayed: 0 });

    pollers = poll();
    fake.failOn.clear();
    await vi.waitFor(
      async () => {
        const items = await Promise.all(refs.map(itemOf));
        expect(items.filter((i) => i?.status === 'sent')).toHaveLength(backlog);
      },
      { timeout: 40_000, interval: 250 },
    );
    const items = await Promise.all(refs.map(itemOf));
    for (const ref of refs) {
      expect(fake.sent.filter((m) => m.notification.messageId === ref.messageId)).toHaveLength(1);
    }
    expect(items.map((i) => i?.handoffs)).toEqual(refs.map(() => 2));
    expect(fake.sent).toHaveLength(backlog);
    expect(await messagesIn(sqs, w.notifications.dlqUrl)).toBe(0);
    // Both copies of every message were consumed: the second found its item sent.
    await vi.waitFor(async () => expect(await messagesIn(sqs, w.notifications.url)).toBe(0), {
      timeout: 20_000,
      interval: 250,
    });
  }, 120_000);
});
