import type { SQSRecord } from 'aws-lambda';
import { readEnv } from '../../kernel/env.js';
import { logger } from '../../kernel/observability.js';
import { queueFunction, type RecordBudget } from '../../kernel/queue/queue-function.js';
import { notificationChannelsFor } from '../../modules/notifications/adapters/notification-channels.js';
import { backPressure } from '../../modules/notifications/adapters/notification-metrics.js';
import { notificationsMessageSchema } from '../../modules/notifications/contracts/notifications.js';
import {
  DeliveryFailedError,
  deliverNotification,
} from '../../modules/notifications/domain/notification-delivery.js';
import { defaultOutboxSweepOptions, sweepOutbox } from '../../modules/notifications/domain/outbox-relay.js';
import { getContainer } from '../container.js';
import { queueDefinitions } from '../queue-definitions.js';

const queue = queueDefinitions.find((q) => q.name === 'notifications');
/** The item's attempts match the queue's receives, so the item is `failed` when the message dead-letters. */
const deliveryOptions = {
  maxAttempts: queue?.maxReceiveCount ?? 5,
  leaseMs: (queue?.visibilityTimeoutSeconds ?? 30) * 1000,
};

const runSweep = async (budget: RecordBudget): Promise<void> => {
  const { deps } = getContainer();
  const graceMs = readEnv().OUTBOX_SWEEP_GRACE_MS;
  const result = await sweepOutbox(deps, deps.clock.now(), {
    ...defaultOutboxSweepOptions,
    graceMs,
    hasTime: budget.hasTime,
  });
  backPressure.swept(result);
};

/**
 * One message per record. A failed send throws, so the record is reported as a batch item failure
 * and redelivered alone; after maxReceiveCount it goes to the DLQ (and the item is `failed`).
 */
const runNotificationsMessage = async (record: SQSRecord, budget: RecordBudget): Promise<void> => {
  const message = notificationsMessageSchema.parse(JSON.parse(record.body));
  if (message.type === 'outbox.sweep') return runSweep(budget);
  const container = getContainer();
  const { orgId, sessionId, at, messageId } = message;
  logger.appendKeys({ orgId });
  container.channels ??= notificationChannelsFor(readEnv());
  const delivery = { ...container.deps, channels: container.channels };
  try {
    const receiveCount = Number(record.attributes.ApproximateReceiveCount) || undefined;
    const result = await deliverNotification(
      delivery,
      { orgId, sessionId, at, messageId },
      { ...deliveryOptions, ...(receiveCount ? { receiveCount } : {}) },
    );
    backPressure.handled(result);
    logger.info('notification handled', { sessionId, messageId, ...result });
  } catch (error) {
    if (error instanceof DeliveryFailedError) {
      logger.warn('notification delivery failed', {
        sessionId,
        messageId,
        attempts: error.attempts,
        final: error.final,
        error: error.cause as Error,
      });
    }
    throw error;
  }
};

// Always a partial batch response, even when every record failed: each is retried on its own
// receive count, so one poisoned batch cannot push healthy deliveries towards the DLQ.
export const handler = queueFunction(runNotificationsMessage, { partialEvenWhenAllFail: true });
