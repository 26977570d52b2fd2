import type { ServerResponse } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  type LocalDelivery,
  localDeliveryLog,
} from '../../functions/modules/notifications/adapters/local-delivery-log.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './aws-local.js';

/**
 * `GET /local/outbox`: what the local runtime "sent" (email, SMS, push), newest first, from the
 * delivery log the notifications consumer writes. Local only: not in the route manifest, so it
 * exists neither in the API document nor in AWS. No token needed, like a mail catcher.
 */

export const LOCAL_OUTBOX_PATH = '/local/outbox';
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

export interface LocalOutboxReader {
  list(limit: number): Promise<LocalDelivery[]>;
  close(): void;
}

export const localOutboxReader = (endpoint: string, tableName: string): LocalOutboxReader => {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
  );
  const log = localDeliveryLog(client, tableName);
  return { list: (limit) => log.list(limit), close: () => client.destroy() };
};

const limitOf = (url: URL): number => {
  const asked = Number(url.searchParams.get('limit') ?? DEFAULT_LIMIT);
  return Number.isInteger(asked) && asked > 0 ? Math.min(asked, MAX_LIMIT) : DEFAULT_LIMIT;
};

/** Answers the local outbox; returns the status, or undefined when the request is not for it. */
export const serveLocalOutbox = async (
  reader: LocalOutboxReader | undefined,
  method: string,
  url: URL,
  res: ServerResponse,
): Promise<number | undefined> => {
  if (!reader || method !== 'GET' || url.pathname !== LOCAL_OUTBOX_PATH) return undefined;
  const body = JSON.stringify({ items: await reader.list(limitOf(url)) });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
  return 200;
};
