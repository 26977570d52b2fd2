import { newAuditRecordFilter } from '../modules/audit/adapters/audit-stream.js';
import { newOutboxItemFilter } from '../modules/notifications/adapters/outbox-stream.js';
import { redeliveryWindowMs } from '../modules/notifications/domain/handoff.js';

/**
 * The consumers of the table's DynamoDB stream. CDK gives each an event source mapping (with its
 * filter, retries, bisection and an on-failure dead-letter queue); the local runtime polls the
 * stream of DynamoDB Local and invokes the same handler with the same filter.
 */

/**
 * A Lambda event filter pattern: each key names a field of the record, each array lists the
 * values it may have (exact matches; the only form this project uses).
 */
export interface FilterPattern {
  readonly [field: string]: FilterPattern | readonly string[];
}

export interface StreamConsumerDefinition {
  /** The Lambda function (function-definitions.ts) the records invoke. */
  consumer: 'outbox';
  /** Only records matching one of them invoke the function; Lambda drops the rest before any invocation. */
  filters: readonly FilterPattern[];
  /** Records per invocation, at most. */
  batchSize: number;
  /** How long the mapping gathers records before invoking (seconds). */
  maxBatchingWindowSeconds: number;
  /**
   * Batches of one shard in flight at once (Lambda keeps the records of one item key in order):
   * a batch being retried holds up only the keys it holds.
   */
  parallelizationFactor: number;
  /** Retries of a failing batch (bisected at the failed record) before it goes to the DLQ. */
  retryAttempts: number;
  /** Records older than this are no longer retried: they go to the DLQ. */
  maxRecordAgeSeconds: number;
  /** The mapping may lag the stream by this much (IteratorAge) before its alarm pages. */
  iteratorAgeAlarmSeconds: number;
}

export const streamConsumers = [
  {
    // New outbox items onto their queues (notifications, capacity.released), off the request path;
    // new audit records into their hash chains (modules/audit/domain/audit-chain.ts).
    consumer: 'outbox',
    filters: [newOutboxItemFilter, newAuditRecordFilter],
    batchSize: 100,
    // Awaited by a person: invoke as soon as a record arrives.
    maxBatchingWindowSeconds: 0,
    parallelizationFactor: 2,
    retryAttempts: 3,
    // Twice the window after which the sweep hands a notification on itself: retrying later would
    // only add a copy the sweep already made (the DLQ and its alarm still tell an operator).
    maxRecordAgeSeconds: (2 * redeliveryWindowMs) / 1000,
    iteratorAgeAlarmSeconds: 120,
  },
] as const satisfies readonly StreamConsumerDefinition[];

export type StreamConsumerName = (typeof streamConsumers)[number]['consumer'];
