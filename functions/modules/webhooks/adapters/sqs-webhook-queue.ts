import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { LaneMessage } from '../contracts/messages.js';
import type { WebhookQueue } from '../domain/ports.js';

/** Lane messages on the lanes queue; a backoff's wait is the message's DelaySeconds (at most 900). */
export const sqsWebhookQueue = (sqs: SQSClient, queueUrl: string | undefined): WebhookQueue => ({
  async kick(ref, { delaySeconds, wake }) {
    if (!queueUrl) throw new Error('the lanes queue URL is not configured');
    const message: LaneMessage = { type: 'webhooks.lane', ...ref, wake };
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify(message),
        ...(delaySeconds > 0 ? { DelaySeconds: Math.min(900, Math.round(delaySeconds)) } : {}),
      }),
    );
  },
});
