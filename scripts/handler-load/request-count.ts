import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';

/**
 * Counts the HTTP requests this process sends to one endpoint (e.g. the SQS server), through
 * Node's `http.client.request.start` diagnostics channel: every request of every client, retries
 * included, without touching the clients.
 */

export interface RequestCount {
  count(): number;
  stop(): void;
}

export const countRequestsTo = (endpoint: string): RequestCount => {
  const { host } = new URL(endpoint);
  let requests = 0;
  const onStart = (message: unknown): void => {
    const { request } = message as { request: ClientRequest };
    if (request.getHeader('host') === host) requests++;
  };
  subscribe('http.client.request.start', onStart);
  return { count: () => requests, stop: () => unsubscribe('http.client.request.start', onStart) };
};
