import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { logger, metrics, tracer } from './observability.js';

export interface QueueFunctionOptions {
  /**
   * Answer a partial batch response even when every record failed (Powertools throws otherwise):
   * each record is then retried on its own receive count.
   */
  partialEvenWhenAllFail?: boolean;
}

/**
 * The Lambda entry of a queue consumer: one record at a time through `runRecord`, a record that
 * throws reported as a batch item failure (redelivered alone, to the DLQ after maxReceiveCount),
 * with tracing, the request id in every log line, and per-batch counts of processed and failed
 * messages as metrics.
 */
export const queueFunction = (
  runRecord: (record: SQSRecord) => Promise<void>,
  options: QueueFunctionOptions = {},
) => {
  const processor = new BatchProcessor(EventType.SQS);
  const handle = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const response = await processPartialResponse(event, runRecord, processor, {
      context,
      ...(options.partialEvenWhenAllFail ? { throwOnFullBatchFailure: false } : {}),
    });
    const failed = response.batchItemFailures.length;
    metrics.addMetric('messagesProcessed', MetricUnit.Count, event.Records.length - failed);
    metrics.addMetric('messagesFailed', MetricUnit.Count, failed);
    return response;
  };
  return middy(handle)
    .use(captureLambdaHandler(tracer, { captureResponse: false }))
    .use(injectLambdaContext(logger, { clearState: true }))
    .use(logMetrics(metrics));
};
