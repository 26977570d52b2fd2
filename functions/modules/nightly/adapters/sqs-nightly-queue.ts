import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { NightlyMessage, NightlyQueue } from '../domain/nightly-model.js';

/** SendMessageBatch's largest batch. */
const batchLimit = 10;

export const sqsNightlyQueue = (client: SQSClient, queueUrl: string | undefined): NightlyQueue => ({
  async send(messages: readonly NightlyMessage[]) {
    if (!queueUrl) throw new Error('the nightly queue URL is not configured (QUEUE_URL_NIGHTLY)');
    for (let i = 0; i < messages.length; i += batchLimit) {
      const entries = messages
        .slice(i, i + batchLimit)
        .map((m, n) => ({ Id: String(n), MessageBody: JSON.stringify(m) }));
      const { Failed = [] } = await client.send(
        new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }),
      );
      // A partial failure throws: the step runs again, and its messages carry the same names.
      if (Failed.length > 0)
        throw new Error(`nightly queue refused ${Failed.length} messages: ${Failed[0]?.Code}`);
    }
  },
});
