import { randomUUID } from 'node:crypto';
import { GetQueueAttributesCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { type Container, getContainer, resetContainer } from '../../functions/app/container.js';
import { handler } from '../../functions/app/lambdas/notifications.js';
import { handler as outboxHandler } from '../../functions/app/lambdas/outbox.js';
import { queueDefinitions } from '../../functions/app/queue-definitions.js';
import { createDocumentClient } from '../../functions/kernel/dynamo/client.js';
import { createService } from '../../functions/kernel/dynamo/service.js';
import { resetEnvCache } from '../../functions/kernel/env.js';
import { notificationRecord } from '../../functions/modules/notifications/adapters/notification-records.js';
import type { NotificationRef } from '../../functions/modules/notifications/domain/model.js';
import type {
  NotificationChannels,
  OutgoingMessage,
} from '../../functions/modules/notifications/domain/ports.js';
import { ensureMyAttendee } from '../../functions/modules/people/domain/attendees.js';
import { type QueuePollers, startQueuePollers } from '../../scripts/local/queue-poller.js';
import { createQueues, type LocalQueue } from '../../scripts/local/queues.js';
import { type StreamPollers, startStreamPollers } from '../../scripts/local/stream-poller.js';
import { bookingWorld } from './booking-world.js';
import { freshContainer, user } from './fixtures.js';

/**
 * The notifications consumer's world: a fresh table, a notifications queue (with its DLQ) and a
 * holds queue of their own in fauxqs, and the function's own container pointed at them, so the
 * real handlers (delivery, and the outbox relay on the table's stream when a test starts it),
 * sweep and store run. Only the channels are faked: SES and SNS have no local engine.
 */

export const nia = user('nia');
export const NIA_PHONE = '+4915112345678';

/** Records every send (`tried`: also the failed ones); `failOn` makes sends on those channels throw. */
export const fakeChannels = () => {
  const sent: OutgoingMessage[] = [];
  const tried: OutgoingMessage[] = [];
  const failOn = new Set<string>();
  const channels: NotificationChannels = {
    async send(message) {
      tried.push(message);
      if (failOn.has(message.channel)) throw new Error(`${message.channel} provider is down`);
      sent.push(message);
      return 'sent';
    },
  };
  return { channels, sent, tried, failOn };
};

export interface NotificationWorld {
  c: Container;
  tableName: string;
  notifications: LocalQueue;
  holds: LocalQueue;
  world: Awaited<ReturnType<typeof bookingWorld>>;
  /** nia's attendee (linked to user `nia`, with email and phone). */
  niaId: string;
}

export const notificationWorld = async (
  endpoint: string,
  /** The notifications queue's visibility timeout: short, so redeliveries come in seconds. */
  visibilityTimeoutSeconds: number | undefined = 1,
): Promise<NotificationWorld> => {
  const { tableName } = await freshContainer({}, { stream: true });
  const prefix = `nq-${randomUUID().slice(0, 8)}`;
  const definitions = queueDefinitions
    .filter((q) => q.name === 'notifications' || q.name === 'holds')
    .map((q) => ({ ...q, ...(visibilityTimeoutSeconds ? { visibilityTimeoutSeconds } : {}) }));
  const queues = await createQueues({ endpoint, prefix, definitions });
  const notifications = queues.find((q) => q.definition.name === 'notifications')!;
  const holds = queues.find((q) => q.definition.name === 'holds')!;
  process.env.TABLE_NAME = tableName;
  process.env.QUEUE_URL_NOTIFICATIONS = notifications.url;
  process.env.QUEUE_URL_HOLDS = holds.url;
  // Every pending item is the sweep's at once: the tests decide when a sweep runs.
  process.env.OUTBOX_SWEEP_GRACE_MS = '0';
  resetEnvCache();
  resetContainer();
  const c = getContainer();
  const world = await bookingWorld(c);
  const niaAttendee = await ensureMyAttendee(c.deps, nia, world.orgId, {
    firstName: 'Nia',
    lastName: 'N',
    phone: NIA_PHONE,
  });
  return { c, tableName, notifications, holds, world, niaId: niaAttendee.attendeeId };
};

/** Commits one notification the way every writer does (its hand-off is the stream relay's, when one runs). */
export const commitNotification = async (
  tableName: string,
  n: { orgId: string; sessionId: string; recipientId: string; userId: string | null; timeZone?: string },
): Promise<NotificationRef> => {
  const service = createService(
    createDocumentClient({ region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT }),
    tableName,
  );
  const key = `test-${randomUUID().slice(0, 8)}#sent`;
  const at = new Date().toISOString();
  const outcome = await service.transaction
    .write((tx) => [
      notificationRecord(tx, { ...n, key, at, type: 'booking.confirmed', payload: { test: key } }),
    ])
    .go();
  if (outcome.canceled) throw new Error('the notification did not commit');
  return { orgId: n.orgId, sessionId: n.sessionId, at, messageId: `notify#${key}` };
};

/** An SQS event as the event source mapping builds it, from message bodies. */
export const sqsEvent = (...bodies: unknown[]): SQSEvent => ({
  Records: bodies.map((body) => ({
    messageId: randomUUID(),
    receiptHandle: randomUUID(),
    body: JSON.stringify(body),
    attributes: {} as never,
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:notifications',
    awsRegion: 'us-east-1',
  })),
});

/** The notifications consumer polling the world's notifications queue, as the local runtime runs it. */
export const pollNotifications = (w: NotificationWorld, endpoint: string): QueuePollers =>
  startQueuePollers({
    endpoint,
    queues: [w.notifications],
    handlers: {
      jobs: handler,
      holds: handler,
      notifications: handler,
      payments: handler,
      nightly: handler,
      webhooks: handler,
    },
    waitTimeSeconds: 1,
    log: () => undefined,
  });

/**
 * The outbox relay on the world's table stream, as the local runtime runs it: from the stream's
 * tip, so items committed before it starts are the sweep's.
 */
export const relayOutbox = (w: NotificationWorld): Promise<StreamPollers> =>
  startStreamPollers({
    endpoint: process.env.DYNAMODB_ENDPOINT ?? '',
    tableName: w.tableName,
    handlers: { outbox: outboxHandler },
    log: () => undefined,
  });

/** Reads outbox items of the world's table as stored (consistent). */
export const outboxReader = (tableName: string) => {
  const service = createService(
    createDocumentClient({ region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT }),
    tableName,
  );
  return {
    service,
    itemOf: async (ref: NotificationRef) =>
      (await service.entities.outbox.get(ref).go({ consistent: true })).data,
  };
};

export const deliverMessage = (ref: NotificationRef) => ({ type: 'notification.deliver', ...ref });

export const messagesIn = async (sqs: SQSClient, url: string): Promise<number> => {
  const { Attributes = {} } = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible)
  );
};

export const receiveBodies = async (sqs: SQSClient, url: string): Promise<unknown[]> => {
  const res = await sqs.send(
    new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
  );
  return (res.Messages ?? []).map((m) => JSON.parse(m.Body ?? 'null'));
};

export { eventually } from '../support/eventually.js';
