import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { holdsSweepMessage } from '../../functions/modules/bookings/contracts/holds.js';
import { localSqsClient } from './queues.js';
import { type Repeating, repeatEvery } from './scheduler-timer.js';

/**
 * The deployed stack's one-minute sweeper rules, locally: the same message on the same queue
 * (`holds.sweep` on holds, `outbox.sweep` on notifications), so the same consumer runs the same sweep.
 */
export interface HoldsSweeperOptions {
  sqsEndpoint: string;
  holdsQueueUrl: string;
  /** Default one minute, like the rule; tests use less. */
  intervalMs?: number;
  log?: (message: string, error?: unknown) => void;
}

export const DEFAULT_SWEEP_INTERVAL_MS = 60_000;

export interface QueueTickerOptions {
  sqsEndpoint: string;
  queueUrl: string;
  message: Record<string, unknown>;
  intervalMs: number;
  /** Names the ticker in its error log lines. */
  name: string;
  log?: (message: string, error?: unknown) => void;
}

/** Sends `message` to the queue every `intervalMs`, like an EventBridge rate rule with an SQS target. */
export const startQueueTicker = (options: QueueTickerOptions): Repeating => {
  const sqs = localSqsClient(options.sqsEndpoint);
  const timer = repeatEvery(
    options.intervalMs,
    async () => {
      await sqs.send(
        new SendMessageCommand({ QueueUrl: options.queueUrl, MessageBody: JSON.stringify(options.message) }),
      );
    },
    options.log ?? ((message, error) => console.error(`[sweeper] ${message}`, error ?? '')),
    `sending the ${options.name}`,
  );
  return {
    stop: async () => {
      await timer.stop();
      sqs.destroy();
    },
  };
};

export const startHoldsSweeper = (options: HoldsSweeperOptions): Repeating =>
  startQueueTicker({
    sqsEndpoint: options.sqsEndpoint,
    queueUrl: options.holdsQueueUrl,
    message: holdsSweepMessage,
    intervalMs: options.intervalMs ?? DEFAULT_SWEEP_INTERVAL_MS,
    name: 'holds sweep',
    ...(options.log ? { log: options.log } : {}),
  });
