import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { onDynamoClientCreated } from '../../functions/kernel/dynamo/client.js';

/**
 * Every DynamoDB call of the clients the functions create from now on, as it starts and as it
 * ends: its command, how long it took and how many bytes the answer carried. The nightly bench
 * charges each call to the message that sent it (message-recorder.ts). Two middlewares: one at
 * the initialize step (once per command, retries included in its time) and one at the deserialize
 * step, which sees each HTTP answer's length.
 */

export interface CallStart {
  command: string;
  at: number;
}

export interface CallListener {
  started(call: CallStart): void;
  ended(call: CallStart, bytes: number): void;
}

export interface CallTap {
  listen(listener: CallListener | undefined): void;
  stop(): void;
}

const lengthOf = (response: unknown): number => {
  const headers = (response as { headers?: Record<string, string | undefined> } | undefined)?.headers;
  const value = Number(headers?.['content-length'] ?? 0);
  return Number.isFinite(value) ? value : 0;
};

export const installCallTap = (): CallTap => {
  let listener: CallListener | undefined;
  /** Bytes of the answers of one command's execution (its attempts), by its context object. */
  const bytes = new WeakMap<object, number>();
  const tap = (client: DynamoDBClient): void => {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const call = { command: context.commandName ?? 'unknown', at: performance.now() };
        const heard = listener;
        heard?.started(call);
        try {
          return await next(args);
        } finally {
          heard?.ended(call, bytes.get(context) ?? 0);
        }
      },
      { step: 'initialize', name: 'nightlyBenchCallTap' },
    );
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const out = await next(args);
        bytes.set(context, (bytes.get(context) ?? 0) + lengthOf(out.response));
        return out;
      },
      { step: 'deserialize', name: 'nightlyBenchAnswerBytes' },
    );
  };
  const stop = onDynamoClientCreated(tap);
  return {
    listen: (l) => {
      listener = l;
    },
    stop,
  };
};
