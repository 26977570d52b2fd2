import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { withAuditScope } from '../audit/audit-scope.js';
import { logger, metrics } from '../observability.js';
import { tracingMiddlewares } from '../tracing.js';

export interface QueueFunctionOptions {
  /**
   * Answer a partial batch response even when every record failed (Powertools throws otherwise):
   * each record is then retried on its own receive count.
   */
  partialEvenWhenAllFail?: boolean;
}

/** What a record may spend: long records (sweeps, offer runs) stop taking work when it runs out. */
export interface RecordBudget {
  /** False once the function's deadline is near: finish the item in hand, take no new one. */
  hasTime(): boolean;
  /**
   * Runs `work` once per batch for all records that name the same `key` (each awaits the one
   * run): for work answered from stored state, which every record of the batch would repeat.
   * All records of a batch were received before any of them runs, so the one run sees what
   * each of them reports.
   */
  once<T>(key: string, work: () => Promise<T>): Promise<T>;
}

/** A record not started because the batch ran short of time: redelivered like a failure. */
export class OutOfTimeError extends Error {
  constructor() {
    super('not started: the function is close to its deadline');
    this.name = 'OutOfTimeError';
  }
}

/** A record still running when the batch had to answer: redelivered like a failure. */
export class UnfinishedAtDeadlineError extends Error {
  constructor() {
    super('not finished: the function reached the point where it must answer');
    this.name = 'UnfinishedAtDeadlineError';
  }
}

/**
 * The share of an invocation's time kept back: work stops when less than this remains, so that
 * writes in flight, the batch response and the metrics flush finish before the deadline.
 */
const reserveShare = 0.3;
const minReserveMs = 2_000;

/**
 * Records still running when half the reserve is left are given up on: the batch answers with
 * them as failures rather than run into the time-out, which would fail the whole batch, finished
 * records included. Their work may still complete (every step is a conditional write, safe to
 * repeat); the redelivered message finds whatever it did.
 */
const deadlineOf = (context: Pick<Context, 'getRemainingTimeInMillis'>, reserveMs: number) => {
  let timer: NodeJS.Timeout | undefined;
  const reached = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new UnfinishedAtDeadlineError()),
      Math.max(0, context.getRemainingTimeInMillis() - reserveMs / 2),
    );
  });
  // Nobody may be racing it when it fires (every record finished): not an unhandled rejection.
  reached.catch(() => undefined);
  return {
    /** `work`, or UnfinishedAtDeadlineError when the deadline comes first. */
    race: <T>(work: Promise<T>): Promise<T> => {
      work.catch(() => undefined);
      return Promise.race([work, reached]);
    },
    clear: () => clearTimeout(timer),
  };
};

/** The budget of one invocation, from the time it had when it began. */
export const budgetOf = (
  context: Pick<Context, 'getRemainingTimeInMillis'>,
): RecordBudget & { reserveMs: number } => {
  const reserveMs = Math.max(minReserveMs, context.getRemainingTimeInMillis() * reserveShare);
  const runs = new Map<string, Promise<unknown>>();
  return {
    reserveMs,
    hasTime: () => context.getRemainingTimeInMillis() > reserveMs,
    once<T>(key: string, work: () => Promise<T>): Promise<T> {
      const running = runs.get(key) ?? work();
      runs.set(key, running);
      return running as Promise<T>;
    },
  };
};

/** The queue a record came from (the last part of its ARN). */
const queueOf = (arn: string | undefined): string => arn?.split(':').pop() ?? 'queue';

/** A job's changes are recorded as the system's: the queue, the message's type and its id. */
const jobScopeOf = (record: SQSRecord) => {
  let type = 'message';
  try {
    const body = JSON.parse(record.body) as { type?: unknown };
    if (typeof body.type === 'string') type = body.type;
  } catch {
    // An unreadable body fails in its consumer; its record says only that it was a message.
  }
  return {
    actor: { type: 'system' as const, id: queueOf(record.eventSourceARN) },
    action: type,
    requestId: record.messageId,
    once: false,
  };
};

/**
 * The Lambda entry of a queue consumer: one record at a time through `runRecord`, a record that
 * throws reported as a batch item failure (redelivered alone, to the DLQ after maxReceiveCount),
 * with tracing, the request id in every log line, and per-batch counts of processed and failed
 * messages as metrics. A record is not started once the deadline is near (it comes back as a
 * batch item failure), long records get the same budget to stop early, and a record still
 * running at half the reserve is reported failed so the batch answers in time: no run ends in a
 * time-out, which would fail the whole batch, finished records included.
 */
export const queueFunction = (
  runRecord: (record: SQSRecord, budget: RecordBudget) => Promise<void>,
  options: QueueFunctionOptions = {},
) => {
  const handle = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    // One per invocation: it holds the batch's state, and the local runtime may run several
    // batches of one consumer at once in one process (as Lambda would in several containers).
    const processor = new BatchProcessor(EventType.SQS);
    const budget = budgetOf(context);
    const deadline = deadlineOf(context, budget.reserveMs);
    let notStarted = 0;
    let unfinished = 0;
    const guarded = async (record: SQSRecord): Promise<void> => {
      if (!budget.hasTime()) {
        notStarted += 1;
        throw new OutOfTimeError();
      }
      try {
        await deadline.race(withAuditScope(jobScopeOf(record), () => runRecord(record, budget)));
      } catch (error) {
        if (error instanceof UnfinishedAtDeadlineError) unfinished += 1;
        throw error;
      }
    };
    const response = await processPartialResponse(event, guarded, processor, {
      context,
      ...(options.partialEvenWhenAllFail ? { throwOnFullBatchFailure: false } : {}),
    }).finally(deadline.clear);
    const failed = response.batchItemFailures.length;
    metrics.addMetric('messagesProcessed', MetricUnit.Count, event.Records.length - failed);
    metrics.addMetric('messagesFailed', MetricUnit.Count, failed - notStarted - unfinished);
    metrics.addMetric('messagesNotStarted', MetricUnit.Count, notStarted);
    metrics.addMetric('messagesUnfinished', MetricUnit.Count, unfinished);
    if (notStarted + unfinished > 0)
      logger.warn('records left for redelivery: deadline near', { notStarted, unfinished });
    return response;
  };
  return batchFunction(handle);
};

/** An event source's handler with tracing, the request id in every log line, and its metrics flushed. */
export const batchFunction = <E, R>(handle: (event: E, context: Context) => Promise<R>) =>
  middy(handle)
    .use(tracingMiddlewares())
    .use(injectLambdaContext(logger, { clearState: true }))
    .use(logMetrics(metrics));
