import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { JobMessage, JobQueue } from '../../../kernel/domain/deps.js';

export const sqsJobQueue = (client: SQSClient, queueUrl: string | undefined): JobQueue => ({
  async send(job: JobMessage) {
    if (!queueUrl) throw new Error('the jobs queue URL is not configured (QUEUE_URL_JOBS)');
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(job) }));
  },
});
