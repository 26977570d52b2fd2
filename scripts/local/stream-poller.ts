import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type Shard,
  type ShardIteratorType,
  type _Record as StreamApiRecord,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { functionDefinitions } from '../../functions/app/function-definitions.js';
import {
  type StreamConsumerDefinition,
  type StreamConsumerName,
  streamConsumers,
} from '../../functions/app/stream-definitions.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './aws-local.js';
import { matchesFilter } from './event-filter.js';
import { lambdaContext } from './lambda-context.js';
import { type ConsumerStats, emptyStats, sleep } from './queue-poller.js';
import { toLambdaRecord } from './stream-event.js';
import { timedOut, withinTimeout } from './timed-invoke.js';

/**
 * The part of the Lambda DynamoDB event source mapping DynamoDB Local lacks: read the table's
 * stream shard by shard (from its tip when the poller starts, new shards from their start once
 * their parent is read to its end), keep the records the consumer's filter lets through, and hand
 * them to the consumer function as Lambda does. A batch answered with failed records is retried
 * from the earliest of them (one that throws or times out, whole), up to the definition's retries;
 * then it is given up, as the mapping would send it to its on-failure queue (counted as failed;
 * locally the outbox sweep relays what it held). Lambda would also bisect a batch that throws;
 * here it is retried whole.
 */

export type StreamHandler = (
  event: DynamoDBStreamEvent,
  context: Context,
) => Promise<DynamoDBBatchResponse | undefined>;
export type StreamHandlers = Record<StreamConsumerName, StreamHandler>;

export interface StreamPollerOptions {
  /** DynamoDB Local, which serves the stream API too. */
  endpoint: string;
  tableName: string;
  handlers: StreamHandlers;
  /** Which consumers to run (default: every stream definition). */
  consumers?: readonly StreamConsumerDefinition[];
  /** The pause after a read that found nothing new: how late a record may be seen (default 250 ms). */
  idleMs?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface StreamPollers {
  stats(): Record<StreamConsumerName, ConsumerStats>;
  stop(): Promise<void>;
}

/** Lambda reads a shard about four times a second when it has nothing new; so does the runtime. */
const DEFAULT_IDLE_MS = 250;
/** How often the shard list is read again (also at once when a shard ends). */
const REDISCOVER_MS = 5_000;
const RETRY_AFTER_ERROR_MS = 1_000;

interface ShardReader {
  shardId: string;
  iterator: string | undefined;
  /** The last record read: where a lost iterator resumes. */
  lastSequence: string | undefined;
}

interface StreamContext {
  streams: DynamoDBStreamsClient;
  streamArn: string;
  definition: StreamConsumerDefinition;
  handler: StreamHandler;
  signal: AbortSignal;
  stats: ConsumerStats;
  running: Set<Promise<unknown>>;
  log: (message: string, error?: unknown) => void;
  idleMs: number;
  /** Shards being read, by id. */
  readers: Map<string, ShardReader>;
  /** Shards started (or found closed at the start): never started again. */
  seen: Set<string>;
}

const streamArnOf = async (endpoint: string, tableName: string): Promise<string> => {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (!Table?.LatestStreamArn) throw new Error(`table ${tableName} has no stream (scripts/local/table.ts)`);
    return Table.LatestStreamArn;
  } finally {
    client.destroy();
  }
};

const listShards = async (ctx: StreamContext): Promise<Shard[]> => {
  const shards: Shard[] = [];
  let after: string | undefined;
  do {
    const { StreamDescription } = await ctx.streams.send(
      new DescribeStreamCommand({ StreamArn: ctx.streamArn, ExclusiveStartShardId: after }),
      { abortSignal: ctx.signal },
    );
    shards.push(...(StreamDescription?.Shards ?? []));
    after = StreamDescription?.LastEvaluatedShardId;
  } while (after);
  return shards;
};

const iteratorOf = async (
  ctx: StreamContext,
  shardId: string,
  type: ShardIteratorType,
  sequence?: string,
): Promise<string | undefined> => {
  const out = await ctx.streams.send(
    new GetShardIteratorCommand({
      StreamArn: ctx.streamArn,
      ShardId: shardId,
      ShardIteratorType: type,
      ...(sequence ? { SequenceNumber: sequence } : {}),
    }),
    { abortSignal: ctx.signal },
  );
  return out.ShardIterator;
};

/**
 * Starts reading the shards not seen yet: at the stream's tip for those open when the poller
 * starts (like a mapping created with LATEST), from their first record for those that appear
 * later; a child shard only once its parent has been read to its end (records of one item stay in
 * order). Closed shards present at the start hold only older records: they are passed over.
 */
const startShards = async (ctx: StreamContext, atStart: boolean): Promise<void> => {
  for (const shard of await listShards(ctx)) {
    const shardId = shard.ShardId;
    if (!shardId || ctx.seen.has(shardId)) continue;
    if (shard.ParentShardId && ctx.readers.has(shard.ParentShardId)) continue;
    ctx.seen.add(shardId);
    if (atStart && shard.SequenceNumberRange?.EndingSequenceNumber) continue;
    const iterator = await iteratorOf(ctx, shardId, atStart ? 'LATEST' : 'TRIM_HORIZON');
    ctx.readers.set(shardId, { shardId, iterator, lastSequence: undefined });
  }
};

/** Index of the earliest record the answer reports failed; -1 when none. A foreign id fails all. */
const firstFailed = (records: DynamoDBRecord[], response: DynamoDBBatchResponse | undefined): number => {
  const failures = response?.batchItemFailures ?? [];
  if (failures.length === 0) return -1;
  const sequences = records.map((r) => r.dynamodb?.SequenceNumber);
  const indexes = failures.map((f) => sequences.indexOf(f.itemIdentifier));
  return indexes.includes(-1) ? 0 : Math.min(...indexes);
};

/** One invocation; answers the index of the first record to retry (-1: all done). */
const invoke = async (ctx: StreamContext, records: DynamoDBRecord[]): Promise<number> => {
  const { consumer } = ctx.definition;
  const limits = functionDefinitions[consumer];
  const started = Date.now();
  // As Lambda delivers it: JSON, without the fields the stream left out.
  const event = JSON.parse(JSON.stringify({ Records: records })) as DynamoDBStreamEvent;
  try {
    const response = await withinTimeout(
      ctx.handler(event, lambdaContext(consumer, limits)),
      limits.timeoutSeconds,
      ctx.running,
    );
    if (response === timedOut) {
      ctx.stats.timeouts += 1;
      ctx.log(`stream consumer ${consumer} timed out after ${limits.timeoutSeconds} s`);
      return 0;
    }
    return firstFailed(records, response);
  } catch (error) {
    ctx.log(`stream consumer ${consumer} failed`, error);
    return 0;
  } finally {
    ctx.stats.batches += 1;
    ctx.stats.records += records.length;
    ctx.stats.maxBatchMs = Math.max(ctx.stats.maxBatchMs, Date.now() - started);
  }
};

/** The records the filter lets through, retried from the first failed one until the retries run out. */
const deliver = async (ctx: StreamContext, read: StreamApiRecord[]): Promise<void> => {
  let batch = read
    .map((r) => toLambdaRecord(r, ctx.streamArn))
    .filter((r) => ctx.definition.filters.some((f) => matchesFilter(f, r)));
  for (let retries = 0; batch.length > 0 && !ctx.signal.aborted; retries++) {
    const failedAt = await invoke(ctx, batch);
    if (failedAt < 0) return;
    ctx.stats.failedRecords += batch.length - failedAt;
    if (retries >= ctx.definition.retryAttempts) {
      ctx.log(
        `stream consumer ${ctx.definition.consumer} gave up on ${batch.length - failedAt} records from ` +
          `sequence ${batch[failedAt]?.dynamodb?.SequenceNumber} after ${retries} retries`,
      );
      return;
    }
    batch = batch.slice(failedAt);
  }
};

/** Reads one batch of the shard; true when it held records. */
const readShard = async (ctx: StreamContext, reader: ShardReader): Promise<boolean> => {
  if (!reader.iterator) return false;
  try {
    const out = await ctx.streams.send(
      new GetRecordsCommand({ ShardIterator: reader.iterator, Limit: ctx.definition.batchSize }),
      { abortSignal: ctx.signal },
    );
    const records = out.Records ?? [];
    if (records.length > 0) {
      await deliver(ctx, records);
      reader.lastSequence = records.at(-1)?.dynamodb?.SequenceNumber ?? reader.lastSequence;
    }
    reader.iterator = out.NextShardIterator;
    return records.length > 0;
  } catch (error) {
    // An iterator lives 15 minutes: resume after the last record read (or at the tip).
    if (error instanceof ExpiredIteratorException)
      reader.iterator = reader.lastSequence
        ? await iteratorOf(ctx, reader.shardId, 'AFTER_SEQUENCE_NUMBER', reader.lastSequence)
        : await iteratorOf(ctx, reader.shardId, 'LATEST');
    else if (error instanceof TrimmedDataAccessException)
      reader.iterator = await iteratorOf(ctx, reader.shardId, 'TRIM_HORIZON');
    else throw error;
    return false;
  }
};

/** Reads the shards started so far, and those that appear, until stopped. */
const pollStream = async (ctx: StreamContext): Promise<void> => {
  let discoveredAt = Date.now();
  while (!ctx.signal.aborted) {
    try {
      if (Date.now() - discoveredAt > REDISCOVER_MS) {
        await startShards(ctx, false);
        discoveredAt = Date.now();
      }
      let busy = false;
      for (const reader of [...ctx.readers.values()]) {
        if (await readShard(ctx, reader)) busy = true;
        // A shard read to its end: its children (if any) are started at once.
        if (!reader.iterator) {
          ctx.readers.delete(reader.shardId);
          discoveredAt = 0;
        }
      }
      if (!busy) await sleep(ctx.idleMs, ctx.signal);
    } catch (error) {
      if (ctx.signal.aborted) return;
      ctx.log(`reading the stream for ${ctx.definition.consumer} failed`, error);
      await sleep(RETRY_AFTER_ERROR_MS, ctx.signal);
    }
  }
};

const defaultLog = (message: string, error?: unknown): void => {
  console.error(`[stream] ${message}`, error ?? '');
};

/** Starts a poller per stream consumer; resolves once each reads from the stream's tip. */
export const startStreamPollers = async (options: StreamPollerOptions): Promise<StreamPollers> => {
  const streamArn = await streamArnOf(options.endpoint, options.tableName);
  const streams = new DynamoDBStreamsClient({
    endpoint: options.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const controller = new AbortController();
  const stats = Object.fromEntries(streamConsumers.map((c) => [c.consumer, emptyStats()])) as Record<
    StreamConsumerName,
    ConsumerStats
  >;
  const running = new Set<Promise<unknown>>();
  const contexts = (options.consumers ?? streamConsumers).map(
    (definition): StreamContext => ({
      streams,
      streamArn,
      definition,
      handler: options.handlers[definition.consumer],
      signal: controller.signal,
      stats: stats[definition.consumer],
      running,
      log: options.log ?? defaultLog,
      readers: new Map(),
      seen: new Set(),
      idleMs: options.idleMs ?? DEFAULT_IDLE_MS,
    }),
  );
  // The tip is taken before this resolves: what is written after start is delivered.
  try {
    await Promise.all(contexts.map((ctx) => startShards(ctx, true)));
  } catch (error) {
    streams.destroy();
    throw error;
  }
  const loops = contexts.map(pollStream);
  return {
    stats: () => structuredClone(stats),
    stop: async () => {
      controller.abort();
      await Promise.all(loops);
      await Promise.allSettled([...running]);
      streams.destroy();
    },
  };
};
