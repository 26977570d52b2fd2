import type { SQSRecord } from 'aws-lambda';
import { holdsMessageSchema } from '../../contracts/holds.js';
import {
  defaultSweepOptions,
  expireScheduledHold,
  remindHold,
  sweepDueHolds,
} from '../../core/use-cases/holds.js';
import { offerReleasedPlaces } from '../../core/use-cases/waitlist-offers.js';
import { getContainer } from '../../shared/container.js';
import { logger } from '../../shared/observability.js';
import { queueFunction, type RecordBudget } from '../../shared/queue-function.js';

/**
 * One message per record. A record that throws (malformed, not yet due, or a failed write) is
 * reported as a batch item failure and redelivered alone; after maxReceiveCount it goes to the DLQ.
 */
const runHoldsMessage = async (record: SQSRecord, budget: RecordBudget): Promise<void> => {
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
      const result = await sweepDueHolds(deps, now, { ...defaultSweepOptions, hasTime: budget.hasTime });
      // Found by the sweep means a schedule did not release it: worth seeing when it happens.
      if (result.found > 0) logger.warn('sweep found holds past their deadline', { ...result });
      break;
    }
    case 'capacity.released': {
      const { orgId, sessionId } = message;
      logger.appendKeys({ orgId });
      // Every release of a session in this batch is answered by one run of the offer engine.
      const offered = await budget.once(`${orgId}#${sessionId}`, () =>
        offerReleasedPlaces(deps, orgId, sessionId, budget.hasTime),
      );
      logger.info('capacity released', { sessionId, offered });
      break;
    }
  }
};

export const handler = queueFunction(runHoldsMessage);
