import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { onDynamoClientCreated } from '../../functions/kernel/dynamo/client.js';

/**
 * Counts the DynamoDB calls of every client the functions create from now on, by command name,
 * through an SDK middleware at the initialize step (one count per command sent; SDK retries of
 * it are not counted again).
 */

/** Not a command: the number of items the counted transactions carried, kept beside the calls. */
export const TRANSACT_ITEMS = 'transactItems';

export interface CallCounter {
  /** Calls so far, by command (e.g. `TransactWriteItemsCommand`). */
  counts(): Record<string, number>;
  /** Counts a client made elsewhere too (a benchmark's own). */
  watch(client: DynamoDBClient): void;
  stop(): void;
}

export const installCallCounter = (): CallCounter => {
  const counts = new Map<string, number>();
  const count = (client: DynamoDBClient): void => {
    client.middlewareStack.add(
      (next, context) => (args) => {
        const name = context.commandName ?? 'unknown';
        counts.set(name, (counts.get(name) ?? 0) + 1);
        // How many items transactions write, to compare with the raw transaction's.
        const items = (args.input as { TransactItems?: unknown[] }).TransactItems;
        if (items) counts.set(TRANSACT_ITEMS, (counts.get(TRANSACT_ITEMS) ?? 0) + items.length);
        return next(args);
      },
      { step: 'initialize', name: 'benchCallCounter' },
    );
  };
  return { counts: () => Object.fromEntries(counts), watch: count, stop: onDynamoClientCreated(count) };
};

/** Calls made between two `counts()` readings, by command. */
export const callsBetween = (
  before: Record<string, number>,
  after: Record<string, number>,
): Record<string, number> =>
  Object.fromEntries(
    Object.entries(after)
      .map(([name, n]) => [name, n - (before[name] ?? 0)] as const)
      .filter(([, n]) => n > 0),
  );

export const totalCalls = (counts: Record<string, number>): number =>
  Object.entries(counts)
    .filter(([name]) => name !== TRANSACT_ITEMS)
    .reduce((sum, [, n]) => sum + n, 0);
