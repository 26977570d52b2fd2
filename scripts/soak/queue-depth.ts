import { GetQueueAttributesCommand, QueueAttributeName } from '@aws-sdk/client-sqs';
import { localSqsClient } from '../local/queues.js';

/** Messages in a queue: waiting plus in flight (received, not yet deleted). */
export interface QueueDepthProbe {
  depth(): Promise<number>;
  close(): void;
}

export const queueDepthProbe = (sqsEndpoint: string, queueUrl: string): QueueDepthProbe => {
  const client = localSqsClient(sqsEndpoint);
  return {
    depth: async () => {
      const out = await client.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: [
            QueueAttributeName.ApproximateNumberOfMessages,
            QueueAttributeName.ApproximateNumberOfMessagesNotVisible,
          ],
        }),
      );
      const attrs = out.Attributes ?? {};
      return (
        Number(attrs.ApproximateNumberOfMessages ?? 0) +
        Number(attrs.ApproximateNumberOfMessagesNotVisible ?? 0)
      );
    },
    close: () => client.destroy(),
  };
};
