import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { withoutSdkLogging } from '../aws/sdk-logging.js';

export interface DynamoClientOptions {
  region: string;
  /** DynamoDB Local in development and tests; unset in AWS. */
  endpoint?: string | undefined;
}

/** Runs on each client `createDocumentClient` makes, e.g. to add a middleware to its stack. */
export type DynamoClientHook = (client: DynamoDBClient) => void;

const clientHooks = new Set<DynamoClientHook>();

/**
 * Diagnostics only (`npm run bench:booking` counts DynamoDB calls per booking with it): `hook`
 * runs on every client created from now on, until the returned function removes it. Nothing in
 * the deployed functions registers one. Register before the functions build their container;
 * clients made earlier are not touched.
 */
export const onDynamoClientCreated = (hook: DynamoClientHook): (() => void) => {
  clientHooks.add(hook);
  return () => {
    clientHooks.delete(hook);
  };
};

export const createDocumentClient = ({ region, endpoint }: DynamoClientOptions): DynamoDBDocumentClient => {
  const client = withoutSdkLogging(new DynamoDBClient({ region, ...(endpoint ? { endpoint } : {}) }));
  for (const hook of clientHooks) hook(client);
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
};
