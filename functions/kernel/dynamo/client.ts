import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { auditDocumentClient, auditLowLevelClient } from '../audit/audited-writes.js';
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

/** The low-level client under each document client made here (the two share config and middleware). */
const lowLevelClients = new WeakMap<DynamoDBDocumentClient, DynamoDBClient>();

export const createDocumentClient = ({ region, endpoint }: DynamoClientOptions): DynamoDBDocumentClient => {
  const client = withoutSdkLogging(new DynamoDBClient({ region, ...(endpoint ? { endpoint } : {}) }));
  for (const hook of clientHooks) hook(client);
  const documentClient = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  lowLevelClients.set(documentClient, client);
  // Inside an audit scope every write carries its audit record (kernel/audit/audited-writes.ts).
  auditDocumentClient(documentClient);
  auditLowLevelClient(client);
  return documentClient;
};

/**
 * The `DynamoDBClient` under a document client `createDocumentClient` made: a hot path sends
 * hand-built AttributeValues on it, without the document client's marshalling. The two share one
 * middleware stack, so hooks, tracing and call counts see both.
 */
export const lowLevelClientOf = (documentClient: DynamoDBDocumentClient): DynamoDBClient => {
  const client = lowLevelClients.get(documentClient);
  if (!client) throw new Error('lowLevelClientOf: this document client was not made by createDocumentClient');
  return client;
};
