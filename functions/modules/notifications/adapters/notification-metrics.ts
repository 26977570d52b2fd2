import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger, metrics } from '../../../kernel/observability.js';
import type { DeliveryOutcome, OutboxSweepResult } from '../domain/model.js';

/**
 * Back-pressure of notification delivery, as metrics (alarmed in AWS, lib/constructs/alarms.ts)
 * and, since the last sweep, as one log line whenever delivery lags (what the local runtime
 * shows):
 * - `outboxOldestWaitingSeconds`: the age of the oldest notification not yet delivered;
 * - `notificationHandoffs` per `notificationsDelivered`: how often an item went to the queue
 *   per delivery (1 when nothing was re-sent);
 * - `notificationWaitSeconds`: from deliverable to claimed, per delivery.
 */

/** A sweep that finds the oldest waiting notification older than this says so in the log. */
const lagWorthLoggingSeconds = 30;

let sinceSweep = { delivered: 0, handoffs: 0 };

export const backPressure = {
  handled(result: DeliveryOutcome): void {
    if (!('handoffs' in result)) return;
    metrics.addMetric('notificationsDelivered', MetricUnit.Count, 1);
    metrics.addMetric('notificationHandoffs', MetricUnit.Count, result.handoffs);
    metrics.addMetric('notificationWaitSeconds', MetricUnit.Seconds, result.waitedSeconds);
    sinceSweep.delivered += 1;
    sinceSweep.handoffs += result.handoffs;
  },

  swept(result: OutboxSweepResult): void {
    metrics.addMetric('outboxOldestWaitingSeconds', MetricUnit.Seconds, result.oldestWaitingSeconds);
    metrics.addMetric('outboxSweepRelayed', MetricUnit.Count, result.relayed);
    const { delivered, handoffs } = sinceSweep;
    sinceSweep = { delivered: 0, handoffs: 0 };
    const figures = {
      ...result,
      deliveredSinceLastSweep: delivered,
      handoffsPerDelivered: delivered > 0 ? Math.round((handoffs / delivered) * 100) / 100 : null,
    };
    // Found by the sweep means the stream relay missed it or a quiet hour ended; a lag means a backlog.
    if (result.found > 0 || result.outOfTime || result.oldestWaitingSeconds > lagWorthLoggingSeconds)
      logger.warn('outbox sweep: notification delivery lags or items were re-sent', figures);
  },
};
