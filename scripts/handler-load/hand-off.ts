import { sqsOutboxPublisher } from '../../functions/modules/notifications/adapters/sqs-outbox-publisher.js';
import { percentile } from '../booking-load/latency.js';
import { type Probes, timed } from '../checkin-load/series.js';
import { localSqsClient } from '../local/queues.js';
import { sameShapeId } from './replay.js';

/**
 * The booking's notification hand-off alone: the outbox publisher the functions use, on a plain
 * SQS client of its own (no SDK logging, as theirs), sending the same `notification.deliver`
 * message a new booking hands to its queue right after its commit. Its CPU per send, next to the
 * raw transaction's, tells how much of the handler's CPU the hand-off is.
 */

export interface HandOffFigures {
  sends: number;
  cpuMsPerSend: number;
  p50Ms: number;
}

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

export const measureHandOffs = async (
  probes: Probes,
  target: {
    endpoint: string;
    queueUrl: string;
    orgId: string;
    sessionId: string;
    /** A booking id of the real shape: message ids carry one. */
    bookingId: string;
  },
  count: number,
  warmup: number,
): Promise<HandOffFigures> => {
  const client = localSqsClient(target.endpoint);
  const publisher = sqsOutboxPublisher(client, { notifications: target.queueUrl, holds: target.queueUrl });
  const refs = Array.from({ length: warmup + count }, () => ({
    orgId: target.orgId,
    sessionId: target.sessionId,
    at: new Date().toISOString(),
    messageId: `notify#${sameShapeId(target.bookingId)}#confirmed`,
  }));
  try {
    for (const ref of refs.slice(0, warmup)) await publisher.publishNotification(ref);
    const samples = [];
    for (const ref of refs.slice(warmup))
      samples.push(await timed(probes, () => publisher.publishNotification(ref)));
    const walls = samples.map((s) => s.wallMs).sort((a, b) => a - b);
    return {
      sends: count,
      cpuMsPerSend: round(samples.reduce((sum, s) => sum + s.cpuMs, 0) / count),
      p50Ms: round(percentile(walls, 50), 2),
    };
  } finally {
    client.destroy();
  }
};
