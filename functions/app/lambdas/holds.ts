import type { SQSRecord } from 'aws-lambda';
import { logger } from '../../kernel/observability.js';
import { queueFunction, type RecordBudget } from '../../kernel/queue/queue-function.js';
import { holdsMessageSchema } from '../../modules/bookings/contracts/holds.js';
import {
  defaultSweepOptions,
  expireScheduledHold,
  remindHold,
  sweepDueHolds,
} from '../../modules/bookings/domain/holds.js';
import { offerReleasedPlaces } from '../../modules/bookings/domain/waitlist-offers.js';
import { getContainer } from '../container.js';

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
