import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { holdsMessageSchema } from '../../contracts/holds.js';
import { expireScheduledHold, remindHold, sweepDueHolds } from '../../core/use-cases/holds.js';
import { offerReleasedPlaces } from '../../core/use-cases/waitlist-offers.js';
import { getContainer } from '../../shared/container.js';
import { logger, metrics, tracer } from '../../shared/observability.js';

const processor = new BatchProcessor(EventType.SQS);

/**
 * One message per record. A record that throws (malformed, not yet due, or a failed write) is
 * reported as a batch item failure and redelivered alone; after maxReceiveCount it goes to the DLQ.
 */
const runHoldsMessage = async (record: SQSRecord): Promise<void> => {
  const message = holdsMessageSchema.parse(JSON.parse(record.body));
  const { deps } = getContainer();
  const now = deps.clock.now();
  switch (message.type) {
    case 'hold.expire': {
      const { orgId, sessionId, bookingId } = message;
      logger.appendKeys({ orgId });
      const outcome = await expireScheduledHold(deps, { orgId, sessionId, bookingId }, now);
      logger.info('hold expiry handled', { sessionId, bookingId, outcome });
      break;
    }
    case 'hold.remind': {
      const { orgId, sessionId, bookingId } = message;
      logger.appendKeys({ orgId });
      const outcome = await remindHold(deps, { orgId, sessionId, bookingId }, now);
      logger.info('hold reminder handled', { sessionId, bookingId, outcome });
      break;
    }
    case 'holds.sweep': {
      const result = await sweepDueHolds(deps, now);
      // Found by the sweep means a schedule did not release it: worth seeing when it happens.
      if (result.found > 0) logger.warn('sweep found holds past their deadline', { ...result });
      break;
    }
    case 'capacity.released': {
      const { orgId, sessionId } = message;
      logger.appendKeys({ orgId });
      const offered = await offerReleasedPlaces(deps, orgId, sessionId);
      logger.info('capacity released', { sessionId, offered });
      break;
    }
  }
};

const handle = (event: SQSEvent, context: Context) =>
  processPartialResponse(event, runHoldsMessage, processor, { context });

export const handler = middy(handle)
  .use(captureLambdaHandler(tracer, { captureResponse: false }))
  .use(injectLambdaContext(logger, { clearState: true }))
  .use(logMetrics(metrics));
