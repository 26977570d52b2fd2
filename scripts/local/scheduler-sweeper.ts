import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { holdsSweepMessage } from '../../functions/contracts/holds.js';
import { localSqsClient } from './queues.js';
import { type Repeating, repeatEvery } from './scheduler-timer.js';

/**
 * The deployed stack's one-minute sweeper rule, locally: the same `holds.sweep` message on the same
 * holds queue, so the same consumer runs the same sweep.
 */
export interface HoldsSweeperOptions {
  sqsEndpoint: string;
  holdsQueueUrl: string;
  /** Default one minute, like the rule; tests use less. */
  intervalMs?: number;
  log?: (message: string, error?: unknown) => void;
}

export const DEFAULT_SWEEP_INTERVAL_MS = 60_000;

export const startHoldsSweeper = (options: HoldsSweeperOptions): Repeating => {
  const sqs = localSqsClient(options.sqsEndpoint);
  const timer = repeatEvery(
    options.intervalMs ?? DEFAULT_SWEEP_INTERVAL_MS,
    async () => {
      await sqs.send(
        new SendMessageCommand({
          QueueUrl: options.holdsQueueUrl,
          MessageBody: JSON.stringify(holdsSweepMessage),
        }),
      );
    },
    options.log ?? ((message, error) => console.error(`[sweeper] ${message}`, error ?? '')),
    'sending the holds sweep',
  );
  return {
    stop: async () => {
      await timer.stop();
      sqs.destroy();
    },
  };
};
