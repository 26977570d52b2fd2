import type { ServerResponse } from 'node:http';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  localEventLog,
  type PublishedEvent,
} from '../../functions/modules/notifications/adapters/local-event-bus.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './aws-local.js';

/**
 * `GET /local/events`: the public domain events the local runtime published (its stand-in for
 * the tenant's EventBridge bus: functions/modules/notifications/adapters/local-event-bus.ts),
 * newest first, each as EventBridge would carry it (source, detail type, detail: the event).
 * Local only: not in the route manifest, so it exists neither in the API document nor in AWS.
 */

export const LOCAL_EVENTS_PATH = '/local/events';
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

export interface LocalEventsReader {
  list(limit: number): Promise<PublishedEvent[]>;
  close(): void;
}

export const localEventsReader = (endpoint: string, tableName: string): LocalEventsReader => {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS }),
  );
  const log = localEventLog(client, tableName);
  return { list: (limit) => log.list(limit, true), close: () => client.destroy() };
};

const limitOf = (url: URL): number => {
  const asked = Number(url.searchParams.get('limit') ?? DEFAULT_LIMIT);
  return Number.isInteger(asked) && asked > 0 ? Math.min(asked, MAX_LIMIT) : DEFAULT_LIMIT;
};

/** Answers the local event log; returns the status, or undefined when the request is not for it. */
export const serveLocalEvents = async (
  reader: LocalEventsReader | undefined,
  method: string,
  url: URL,
  res: ServerResponse,
): Promise<number | undefined> => {
  if (!reader || method !== 'GET' || url.pathname !== LOCAL_EVENTS_PATH) return undefined;
  const body = JSON.stringify({ items: await reader.list(limitOf(url)) });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
  return 200;
};
