import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamApiRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startStreamPollers } from '../../scripts/local/stream-poller.js';

/**
 * The local stream poller's shard handling, against a stream API answering as DynamoDB Streams
 * does when a shard ends: its iterator runs out, and a child shard takes over.
 */

const streamArn = 'arn:aws:dynamodb:ddblocal:000000000000:table/t/stream/1';
const table = mockClient(DynamoDBClient);
const streams = mockClient(DynamoDBStreamsClient);

afterEach(() => {
  table.reset();
  streams.reset();
});

const outboxRecord = (sequence: string, eventName: 'INSERT' | 'MODIFY' = 'INSERT'): StreamApiRecord => ({
  eventID: `e${sequence}`,
  eventName,
  dynamodb: {
    SequenceNumber: sequence,
    NewImage: { pk: { S: `p${sequence}` }, __edb_e__: { S: 'outbox' } },
    StreamViewType: 'NEW_IMAGE',
  },
});

const iteratorRequests = () =>
  streams.commandCalls(GetShardIteratorCommand).map((c) => {
    const { ShardId, ShardIteratorType, SequenceNumber } = c.args[0].input;
    return [ShardId, ShardIteratorType, SequenceNumber];
  });

describe('the local stream poller', () => {
  it('starts open shards at their tip, resumes after an expired iterator, and follows a closed shard to its child', async () => {
    table.on(DescribeTableCommand).resolves({ Table: { LatestStreamArn: streamArn } });
    streams
      .on(DescribeStreamCommand)
      .resolvesOnce({
        StreamDescription: {
          Shards: [
            // Closed before the poller started: older records, passed over.
            {
              ShardId: 'old',
              SequenceNumberRange: { StartingSequenceNumber: '0', EndingSequenceNumber: '1' },
            },
            { ShardId: 'a', ParentShardId: 'old', SequenceNumberRange: { StartingSequenceNumber: '2' } },
          ],
        },
      })
      .resolves({
        StreamDescription: {
          Shards: [
            { ShardId: 'a', SequenceNumberRange: { StartingSequenceNumber: '2', EndingSequenceNumber: '4' } },
            { ShardId: 'b', ParentShardId: 'a', SequenceNumberRange: { StartingSequenceNumber: '5' } },
          ],
        },
      });
    streams
      .on(GetShardIteratorCommand, { ShardId: 'a', ShardIteratorType: 'LATEST' })
      .resolves({ ShardIterator: 'a0' })
      .on(GetShardIteratorCommand, { ShardId: 'a', ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' })
      .resolves({ ShardIterator: 'a2' })
      .on(GetShardIteratorCommand, { ShardId: 'b', ShardIteratorType: 'TRIM_HORIZON' })
      .resolves({ ShardIterator: 'b0' });
    streams
      .on(GetRecordsCommand, { ShardIterator: 'a0' })
      .resolves({ Records: [outboxRecord('2')], NextShardIterator: 'a1' })
      .on(GetRecordsCommand, { ShardIterator: 'a1' })
      .rejects(new ExpiredIteratorException({ message: 'Iterator expired', $metadata: {} }))
      // The shard's last records: no next iterator, the shard has ended.
      .on(GetRecordsCommand, { ShardIterator: 'a2' })
      .resolves({ Records: [outboxRecord('3', 'MODIFY'), outboxRecord('4')] })
      .on(GetRecordsCommand, { ShardIterator: 'b0' })
      .resolves({ Records: [outboxRecord('5')], NextShardIterator: 'b1' })
      .on(GetRecordsCommand, { ShardIterator: 'b1' })
      .resolves({ Records: [], NextShardIterator: 'b1' });

    const batches: string[][] = [];
    const pollers = await startStreamPollers({
      endpoint: 'http://127.0.0.1:1',
      tableName: 't',
      handlers: {
        outbox: async (event: DynamoDBStreamEvent) => {
          batches.push(event.Records.map((r) => r.dynamodb?.SequenceNumber ?? '?'));
          return { batchItemFailures: [] };
        },
      },
      idleMs: 5,
      log: () => undefined,
    });
    try {
      await vi.waitFor(() => expect(batches).toHaveLength(3), { timeout: 5_000, interval: 20 });
    } finally {
      await pollers.stop();
    }
    // In order, the update filtered out, each record once.
    expect(batches).toEqual([['2'], ['4'], ['5']]);
    expect(iteratorRequests()).toEqual([
      ['a', 'LATEST', undefined],
      ['a', 'AFTER_SEQUENCE_NUMBER', '2'],
      ['b', 'TRIM_HORIZON', undefined],
    ]);
    expect(pollers.stats().outbox).toMatchObject({ batches: 3, records: 3, failedRecords: 0 });
  });

  it('retries a batch from its first failed record, then gives it up after the retries', async () => {
    table.on(DescribeTableCommand).resolves({ Table: { LatestStreamArn: streamArn } });
    streams
      .on(DescribeStreamCommand)
      .resolves({ StreamDescription: { Shards: [{ ShardId: 'a', SequenceNumberRange: {} }] } });
    streams.on(GetShardIteratorCommand).resolves({ ShardIterator: 'a0' });
    streams
      .on(GetRecordsCommand, { ShardIterator: 'a0' })
      .resolves({
        Records: [outboxRecord('1'), outboxRecord('2'), outboxRecord('3')],
        NextShardIterator: 'a1',
      })
      .on(GetRecordsCommand, { ShardIterator: 'a1' })
      .resolves({ Records: [], NextShardIterator: 'a1' });
    const batches: string[][] = [];
    const pollers = await startStreamPollers({
      endpoint: 'http://127.0.0.1:1',
      tableName: 't',
      handlers: {
        outbox: async (event: DynamoDBStreamEvent) => {
          batches.push(event.Records.map((r) => r.dynamodb?.SequenceNumber ?? '?'));
          // Record 2 always fails (3 after it succeeds, but is retried with it).
          return { batchItemFailures: [{ itemIdentifier: '2' }] };
        },
      },
      idleMs: 5,
      log: () => undefined,
    });
    try {
      await vi.waitFor(() => expect(batches).toHaveLength(4), { timeout: 5_000, interval: 20 });
      // Given up: nothing more is tried.
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await pollers.stop();
    }
    // The first try, then the three retries from the failed record.
    expect(batches).toEqual([
      ['1', '2', '3'],
      ['2', '3'],
      ['2', '3'],
      ['2', '3'],
    ]);
    expect(pollers.stats().outbox).toMatchObject({ batches: 4, failedRecords: 8 });
  });
});
