import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { CapacityReleasedMessage } from '../contracts/capacity-released.js';
import type { NotificationDeliverMessage } from '../contracts/notifications.js';
import type { OutboxPublisher } from '../domain/ports.js';

export interface OutboxQueueUrls {
  notifications: string | undefined;
  holds: string | undefined;
}

/** Outbox items onto their queues, in the message shapes their consumers validate. */
export const sqsOutboxPublisher = (client: SQSClient, urls: OutboxQueueUrls): OutboxPublisher => {
  const send = async (
    name: keyof OutboxQueueUrls,
    body: NotificationDeliverMessage | CapacityReleasedMessage,
  ) => {
    const url = urls[name];
    if (!url) throw new Error(`the ${name} queue URL is not configured (QUEUE_URL_${name.toUpperCase()})`);
    await client.send(new SendMessageCommand({ QueueUrl: url, MessageBody: JSON.stringify(body) }));
  };
  return {
    publishNotification: (ref) =>
      send('notifications', {
        type: 'notification.deliver',
        orgId: ref.orgId,
        sessionId: ref.sessionId,
        at: ref.at,
        messageId: ref.messageId,
      }),
    publishCapacityReleased: ({ orgId, sessionId }) =>
      send('holds', { type: 'capacity.released', orgId, sessionId }),
  };
};
