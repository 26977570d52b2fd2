import { BatchWriteCommand, type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { runPool } from '../booking-load/pool.js';
import { type SeriesPlan, type TimedSeries, timeBatches } from './batch-timing.js';

/**
 * The least a delivery with the consumer's guarantees must write, with the plain SDK: one
 * conditional update that claims the item (still pending, no live lease; counts the attempt,
 * takes the lease, answers the item so no read is needed) and one that completes it (only while
 * that lease holds). Run over items of its own (`bench#notify#…`, not ElectroDB items, so the
 * invariant checker passes over them), 10 to a batch, the batch's items in parallel as the
 * handler runs a batch's records.
 */

const batchSize = 10;
const leaseMs = 30_000;
const writeChunk = 25;

export interface BaselineTarget {
  client: DynamoDBDocumentClient;
  tableName: string;
}

const keyOf = (series: string, i: number) => ({ pk: `bench#notify#${series}#${i}`, sk: 'outbox' });

/** About the attributes and size of a real `booking.confirmed` outbox item. */
const itemOf = (series: string, i: number, at: string) => ({
  ...keyOf(series, i),
  kind: 'notification',
  type: 'booking.confirmed',
  channel: 'email',
  recipientId: `att_bench${i}`,
  status: 'pending',
  attempts: 0,
  handoffs: 1,
  at,
  payload: JSON.stringify({
    bookingId: `bkg_bench${i}`,
    seats: 1,
    status: 'confirmed',
    pad: 'x'.repeat(200),
  }),
});

export const putBaselineItems = async (
  { client, tableName }: BaselineTarget,
  series: string,
  count: number,
) => {
  const at = new Date().toISOString();
  await runPool(Math.ceil(count / writeChunk), 4, async (chunk) => {
    const indexes = Array.from({ length: writeChunk }, (_, j) => chunk * writeChunk + j).filter(
      (i) => i < count,
    );
    const requests = indexes.map((i) => ({ PutRequest: { Item: itemOf(series, i, at) } }));
    const out = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
    if (Object.keys(out.UnprocessedItems ?? {}).length > 0) throw new Error('baseline items left unwritten');
  });
};

const deliverOne = async ({ client, tableName }: BaselineTarget, series: string, i: number) => {
  const now = new Date();
  const lease = new Date(now.getTime() + leaseMs).toISOString();
  await client.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keyOf(series, i),
      UpdateExpression: 'ADD attempts :one SET leaseUntil = :lease',
      ConditionExpression: '#status = :pending AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':one': 1,
        ':lease': lease,
        ':pending': 'pending',
        ':now': now.toISOString(),
      },
      ReturnValues: 'ALL_NEW',
    }),
  );
  await client.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keyOf(series, i),
      UpdateExpression: 'SET #status = :sent, sentAt = :at REMOVE leaseUntil',
      ConditionExpression: 'leaseUntil = :lease',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':sent': 'sent', ':at': new Date().toISOString(), ':lease': lease },
    }),
  );
};

/** Claims and completes `count` items put beforehand under `series`, `concurrency` batches at once. */
export const runBaseline = (
  target: BaselineTarget,
  series: string,
  { count, concurrency, jvm }: SeriesPlan,
): Promise<TimedSeries> => {
  let next = 0;
  return timeBatches(concurrency, jvm, async (timeBatch) => {
    while (next < count) {
      const first = next;
      next = Math.min(count, next + batchSize);
      const indexes = Array.from({ length: next - first }, (_, j) => first + j);
      await timeBatch(() => Promise.all(indexes.map((i) => deliverOne(target, series, i))));
    }
  });
};
