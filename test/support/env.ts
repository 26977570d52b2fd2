import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { QueueName } from '../../functions/app/queue-definitions.js';
import { applyEnv, functionEnv } from '../../scripts/local/function-env.js';
import { ensureTable } from '../../scripts/local/table.js';

/** Points the functions' environment at the run's shared DynamoDB Local and fauxqs. */

export interface TestServers {
  dynamoEndpoint: string;
  sqsEndpoint: string;
  tableName: string;
  queueUrls: Record<QueueName, string>;
}

export interface TestEnv extends TestServers {
  /** Puts the previous environment back (and resets the env cache). */
  restore(): void;
}

/** The servers the global setup started; fails clearly when it did not run. */
export const testServers = (): TestServers => {
  const dynamoEndpoint = inject('dynamoEndpoint');
  if (!dynamoEndpoint) {
    throw new Error('no DynamoDB Local for this run: run the integration or e2e project through vitest');
  }
  return {
    dynamoEndpoint,
    sqsEndpoint: inject('sqsEndpoint'),
    tableName: inject('tableName'),
    queueUrls: inject('queueUrls'),
  };
};

/**
 * Sets TABLE_NAME, DYNAMODB_ENDPOINT, SQS_ENDPOINT, QUEUE_URL_*, region and dummy credentials,
 * then resets the env cache so the next function call reads them.
 */
export const useTestEnv = (options: { tableName?: string; env?: Record<string, string> } = {}): TestEnv => {
  const servers = testServers();
  const tableName = options.tableName ?? servers.tableName;
  const restore = applyEnv(functionEnv({ ...servers, tableName, logLevel: 'ERROR', extra: options.env }));
  return { ...servers, tableName, restore };
};

/** A new, empty table on the shared DynamoDB Local, for a test file that must not see others' data. */
export const createIsolatedTable = async (prefix = 'it'): Promise<string> => {
  const tableName = `${prefix}-${randomUUID().slice(0, 8)}`;
  await ensureTable(testServers().dynamoEndpoint, tableName);
  return tableName;
};
