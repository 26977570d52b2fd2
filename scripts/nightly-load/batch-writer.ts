import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Items written 25 at a time with BatchWriteItem (its largest request), a few requests in flight,
 * unprocessed items sent again: how the nightly bench seeds a tenant of 100,000 sessions in a
 * few minutes instead of through a use case per session. The items are the ones the product
 * writes (each built by its entity: tenant.ts), so what is seeded reads back as the product's own.
 */

const batchLimit = 25;
const inFlight = 6;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface BatchWriter {
  /** Queues an item (a whole item in the document client's form: keys, attributes, entity fields). */
  put(item: Record<string, unknown>): Promise<void>;
  /** Waits until every queued item is written. */
  flush(): Promise<void>;
  written(): number;
}

export const batchWriter = (client: DynamoDBDocumentClient, table: string): BatchWriter => {
  let pending: Record<string, unknown>[] = [];
  const running = new Set<Promise<void>>();
  let written = 0;
  let failure: unknown;
  const failed = (): void => {
    if (failure !== undefined) throw failure;
  };

  const send = async (items: Record<string, unknown>[]): Promise<void> => {
    let requests = items.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length > 0; attempt += 1) {
      if (attempt > 0) await sleep(Math.min(1_000, 20 * 2 ** attempt));
      const { UnprocessedItems } = await client.send(
        new BatchWriteCommand({ RequestItems: { [table]: requests } }),
      );
      const left = UnprocessedItems?.[table] ?? [];
      written += requests.length - left.length;
      requests = left.flatMap((r) =>
        r.PutRequest?.Item ? [{ PutRequest: { Item: r.PutRequest.Item } }] : [],
      );
      if (attempt > 20) throw new Error(`BatchWriteItem left ${requests.length} items unprocessed`);
    }
  };

  const launch = async (items: Record<string, unknown>[]): Promise<void> => {
    while (running.size >= inFlight) await Promise.race(running);
    failed();
    const p: Promise<void> = send(items)
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => running.delete(p));
    running.add(p);
  };

  return {
    async put(item) {
      pending.push(item);
      if (pending.length >= batchLimit) {
        const group = pending;
        pending = [];
        await launch(group);
      }
    },
    async flush() {
      if (pending.length > 0) {
        const group = pending;
        pending = [];
        await launch(group);
      }
      await Promise.all(running);
      failed();
    },
    written: () => written,
  };
};
