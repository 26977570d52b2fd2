import type { SQSRecord } from 'aws-lambda';
import { notificationsMessageSchema } from '../../contracts/notifications.js';
import { DeliveryFailedError, deliverNotification } from '../../core/use-cases/notification-delivery.js';
import { defaultOutboxSweepOptions, sweepOutbox } from '../../core/use-cases/outbox-relay.js';
import { getContainer } from '../../shared/container.js';
import { readEnv } from '../../shared/env.js';
import { notificationChannelsFor } from '../../shared/notification-channels.js';
import { logger } from '../../shared/observability.js';
import { queueDefinitions } from '../../shared/queue-definitions.js';
import { queueFunction } from '../../shared/queue-function.js';

const queue = queueDefinitions.find((q) => q.name === 'notifications');
/** The item's attempts match the queue's receives, so the item is `failed` when the message dead-letters. */
const deliveryOptions = {
  maxAttempts: queue?.maxReceiveCount ?? 5,
  leaseMs: (queue?.visibilityTimeoutSeconds ?? 30) * 1000,
};

/**
 * One message per record. A failed send throws, so the record is reported as a batch item failure
 * and redelivered alone; after maxReceiveCount it goes to the DLQ (and the item is `failed`).
 */
const runNotificationsMessage = async (record: SQSRecord): Promise<void> => {
  const message = notificationsMessageSchema.parse(JSON.parse(record.body));
  const container = getContainer();
  const { deps } = container;
  if (message.type === 'outbox.sweep') {
    const graceMs = readEnv().OUTBOX_SWEEP_GRACE_MS;
    const result = await sweepOutbox(deps, deps.clock.now(), { ...defaultOutboxSweepOptions, graceMs });
    // Found by the sweep means a fast path was lost: worth seeing when it happens.
    if (result.found > 0) logger.warn('outbox sweep re-enqueued pending items', { ...result });
    return;
  }
  const { orgId, sessionId, at, messageId } = message;
  logger.appendKeys({ orgId });
  container.channels ??= notificationChannelsFor(readEnv());
  const delivery = { ...deps, channels: container.channels };
  try {
    const receiveCount = Number(record.attributes.ApproximateReceiveCount) || undefined;
    const outcome = await deliverNotification(
      delivery,
      { orgId, sessionId, at, messageId },
      { ...deliveryOptions, ...(receiveCount ? { receiveCount } : {}) },
    );
    logger.info('notification handled', { sessionId, messageId, outcome });
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
