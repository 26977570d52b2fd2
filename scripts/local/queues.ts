import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  QueueAttributeName,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { startFauxqs } from 'fauxqs';
import {
  type QueueDefinition,
  type QueueName,
  queueDefinitions,
} from '../../functions/app/queue-definitions.js';
import { withoutSdkLogging } from '../../functions/kernel/aws/sdk-logging.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './aws-local.js';

export interface SqsServer {
  /** Give this to SQSClient as `endpoint` (and to the functions as SQS_ENDPOINT). */
  endpoint: string;
  stop(): Promise<void>;
}

export interface LocalQueue {
  definition: QueueDefinition;
  url: string;
  arn: string;
  dlqUrl: string;
  dlqArn: string;
}

const DLQ_RETENTION_SECONDS = 14 * 24 * 3600;

/** fauxqs in this process. Its URLs would name sqs.<region>.localhost, which does not resolve here. */
export const startSqsServer = async (port = 0): Promise<SqsServer> => {
  const server = await startFauxqs({ port, logger: false });
  return { endpoint: `http://127.0.0.1:${server.port}`, stop: () => server.stop() };
};

/** An explicit endpoint makes the SDK send every call there, whatever host a queue URL names. */
export const localSqsClient = (endpoint: string): SQSClient =>
  withoutSdkLogging(new SQSClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }));

const createOne = async (
  client: SQSClient,
  name: string,
  attributes: Record<string, string>,
): Promise<{ url: string; arn: string }> => {
  const created = await client.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  const url = created.QueueUrl;
  if (!url) throw new Error(`CreateQueue ${name} returned no URL`);
  const read = await client.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: [QueueAttributeName.QueueArn] }),
  );
  const arn = read.Attributes?.QueueArn;
  if (!arn) throw new Error(`queue ${name} has no ARN`);
  return { url, arn };
};

/** The queue and its dead-letter queue, wired like CDK wires them (redrive after maxReceiveCount). */
const createWithDlq = async (
  client: SQSClient,
  definition: QueueDefinition,
  prefix: string,
): Promise<LocalQueue> => {
  const name = `${prefix}-${definition.name}`;
  const dlq = await createOne(client, `${name}-dlq`, {
    MessageRetentionPeriod: String(DLQ_RETENTION_SECONDS),
  });
  const main = await createOne(client, name, {
    VisibilityTimeout: String(definition.visibilityTimeoutSeconds),
    RedrivePolicy: JSON.stringify({
      deadLetterTargetArn: dlq.arn,
      maxReceiveCount: definition.maxReceiveCount,
    }),
  });
  return { definition, url: main.url, arn: main.arn, dlqUrl: dlq.url, dlqArn: dlq.arn };
};

export interface CreateQueuesOptions {
  endpoint: string;
  /** Physical names are `<prefix>-<name>` and `<prefix>-<name>-dlq`. */
  prefix: string;
  definitions?: readonly QueueDefinition[];
}

export const createQueues = async (options: CreateQueuesOptions): Promise<LocalQueue[]> => {
  const client = localSqsClient(options.endpoint);
  try {
    const definitions = options.definitions ?? queueDefinitions;
    return await Promise.all(definitions.map((d) => createWithDlq(client, d, options.prefix)));
  } finally {
    client.destroy();
  }
};

/** Queue URL by logical name, for QUEUE_URL_<NAME>. */
export const queueUrlsOf = (queues: readonly LocalQueue[]): Record<QueueName, string> =>
  Object.fromEntries(queues.map((q) => [q.definition.name, q.url])) as Record<QueueName, string>;
