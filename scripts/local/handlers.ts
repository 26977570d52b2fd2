import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import {
  type FunctionName,
  functionDefinitions,
  type HttpFunctionName,
  httpFunctionNames,
} from '../../functions/app/function-definitions.js';
import { streamConsumers } from '../../functions/app/stream-definitions.js';
import type { HttpEvent } from './http-event.js';
import { type ConsumerHandlers, consumerNames, type SqsHandler } from './queue-poller.js';
import type { StreamHandler, StreamHandlers } from './stream-poller.js';

export type HttpHandler = (event: HttpEvent, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
export type HttpHandlers = Record<HttpFunctionName, HttpHandler>;

export interface FunctionHandlers {
  http: HttpHandlers;
  consumers: ConsumerHandlers;
  /** The consumers of the table's stream. */
  streams: StreamHandlers;
}

const ROOT = resolve(import.meta.dirname, '../..');

/** Loads the same entry module CDK bundles for this function. */
const loadEntry = async <T>(name: FunctionName): Promise<T> => {
  const entry = functionDefinitions[name].entry;
  const mod = (await import(pathToFileURL(resolve(ROOT, entry)).href)) as { handler?: T };
  if (typeof mod.handler !== 'function') throw new Error(`${entry} does not export a handler function`);
  return mod.handler;
};

export interface HandlerOverrides {
  http?: Partial<HttpHandlers>;
  consumers?: Partial<ConsumerHandlers>;
  streams?: Partial<StreamHandlers>;
}

/** The handlers the queue and stream pollers call: what the consumer thread needs. */
export type ConsumerThreadHandlers = Pick<FunctionHandlers, 'consumers' | 'streams'>;

/** The functions each poller calls: the queue definitions' consumers (a new queue needs no change here) and the stream's. */
export const pollerFunctionNames = () => ({
  consumers: consumerNames(),
  streams: streamConsumers.map((c) => c.consumer),
});

const loadPollerHandlers = async (overrides: HandlerOverrides): Promise<ConsumerThreadHandlers> => {
  const { consumers, streams } = pollerFunctionNames();
  const [consumerHandlers, streamHandlers] = await Promise.all([
    Promise.all(consumers.map((name) => overrides.consumers?.[name] ?? loadEntry<SqsHandler>(name))),
    Promise.all(streams.map((name) => overrides.streams?.[name] ?? loadEntry<StreamHandler>(name))),
  ]);
  return {
    streams: Object.fromEntries(streams.map((name, i) => [name, streamHandlers[i]])) as StreamHandlers,
    consumers: Object.fromEntries(
      consumers.map((name, i) => [name, consumerHandlers[i]]),
    ) as ConsumerHandlers,
  };
};

/** The consumers' handler modules only (the consumer thread run from source). */
export const loadConsumerHandlers = (): Promise<ConsumerThreadHandlers> => loadPollerHandlers({});

/**
 * Imports the handler modules not replaced by `overrides` (tests pass stubs). Call after
 * process.env is set: functions read it on first use, and module-level clients must see the
 * local endpoints.
 */
export const loadFunctionHandlers = async (overrides: HandlerOverrides = {}): Promise<FunctionHandlers> => {
  const httpNames = httpFunctionNames();
  const [http, pollers] = await Promise.all([
    Promise.all(httpNames.map((name) => overrides.http?.[name] ?? loadEntry<HttpHandler>(name))),
    loadPollerHandlers(overrides),
  ]);
  return {
    ...pollers,
    http: Object.fromEntries(httpNames.map((name, i) => [name, http[i]])) as HttpHandlers,
  };
};

/**
 * The functions cache their environment and clients at module level (as they should in Lambda).
 * A runtime started after another in the same process must not inherit the previous table.
 */
export const resetFunctionCaches = async (): Promise<void> => {
  const { resetContainer } = await import('../../functions/app/container.js');
  resetContainer();
};
