import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { withAuditScope } from '../audit/audit-scope.js';
import { metrics } from '../observability.js';
import { batchFunction } from './queue-function.js';

export interface StreamGroup {
  /** The records this group handles together (taken out of the per-record run). */
  takes(record: DynamoDBRecord): boolean;
  /** Runs them; answers those that failed (retried as batch item failures). */
  run(records: DynamoDBRecord[]): Promise<DynamoDBRecord[]>;
}

/** A group's run: all its records failed when it throws. */
const runGroup = async (group: StreamGroup, records: DynamoDBRecord[]): Promise<DynamoDBRecord[]> => {
  try {
    return await group.run(records);
  } catch {
    return records;
  }
};

/**
 * The Lambda entry of a DynamoDB stream consumer: the batch's records through `runRecord` at once,
 * each one that throws reported as a batch item failure by its sequence number. Lambda then
 * retries from the earliest failed record (records after it that succeeded run again, so a record
 * must be safe to run twice), bisecting the batch when the mapping says so, and after its retries
 * sends the batch's position to the mapping's on-failure destination and moves on: one bad record
 * never holds up the shard for long. Every record failing is answered the same way rather than
 * thrown, so the function's error metric counts crashes, not records.
 */
export const streamFunction = (runRecord: (record: DynamoDBRecord) => Promise<void>, group?: StreamGroup) => {
  const handle = async (event: DynamoDBStreamEvent, context: Context): Promise<DynamoDBBatchResponse> => {
    const grouped = group ? event.Records.filter((r) => group.takes(r)) : [];
    const groupFailed = grouped.length > 0 && group ? await runGroup(group, grouped) : [];
    if (grouped.length > 0) event = { ...event, Records: event.Records.filter((r) => !grouped.includes(r)) };
    // One per invocation: it holds the batch's state.
    const processor = new BatchProcessor(EventType.DynamoDBStreams);
    // Changes a record causes are the system's, named by the stream record.
    const recorded = (record: DynamoDBRecord) =>
      withAuditScope(
        {
          actor: { type: 'system', id: 'stream' },
          action: record.eventName ?? 'record',
          requestId: record.eventID ?? '',
          once: false,
        },
        () => runRecord(record),
      );
    const response =
      event.Records.length === 0
        ? { batchItemFailures: [] }
        : await processPartialResponse(event, recorded, processor, {
            context,
            throwOnFullBatchFailure: false,
          });
    const failures = [
      ...response.batchItemFailures,
      ...groupFailed.map((r) => ({ itemIdentifier: r.dynamodb?.SequenceNumber ?? '' })),
    ];
    const failed = failures.length;
    metrics.addMetric('recordsProcessed', MetricUnit.Count, event.Records.length + grouped.length - failed);
    metrics.addMetric('recordsFailed', MetricUnit.Count, failed);
    return { batchItemFailures: failures };
  };
  return batchFunction(handle);
};
