import { type DynamoDbLocalOptions, startDynamoDbLocal } from '../local/dynamodb.js';
import type { ContentionOptions } from './options.js';
import { type ContentionProxy, startContentionProxy } from './proxy.js';

/**
 * DynamoDB Local with the contention model in front, for benchmarks: point clients (and the
 * local runtime's `dynamoEndpoint`) at `endpoint`; `localEndpoint` bypasses the model.
 */
export interface ContendedDynamoDb {
  endpoint: string;
  localEndpoint: string;
  proxy: ContentionProxy;
  stop(): Promise<void>;
}

export const startContendedDynamoDb = async (
  options: { contention?: Partial<ContentionOptions>; local?: DynamoDbLocalOptions } = {},
): Promise<ContendedDynamoDb> => {
  const db = await startDynamoDbLocal(options.local);
  try {
    const proxy = await startContentionProxy({ upstream: db.endpoint, options: options.contention ?? {} });
    return {
      endpoint: proxy.endpoint,
      localEndpoint: db.endpoint,
      proxy,
      stop: async () => {
        await proxy.stop();
        await db.stop();
      },
    };
  } catch (error) {
    await db.stop();
    throw error;
  }
};
