import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { QueueName } from '../../functions/app/queue-definitions.js';
import {
  type LocalSchedule,
  localScheduleStore,
} from '../../functions/modules/bookings/adapters/local-schedule-store.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './aws-local.js';
import { localSqsClient } from './queues.js';
import { type Repeating, repeatEvery } from './scheduler-timer.js';

/**
 * The delivery half of EventBridge Scheduler for the local runtime: every `intervalMs` it sends the
 * payload of each due local schedule to its target queue in fauxqs, then deletes the schedule
 * (as `ActionAfterCompletion: DELETE` does). Schedules are table items, so a restart over kept
 * data still fires what was scheduled before it. Delivery is at least once: a crash between send
 * and delete sends again, which the consumers tolerate.
 */

export interface SchedulerFirerOptions {
  dynamoEndpoint: string;
  tableName: string;
  sqsEndpoint: string;
  queueUrls: Partial<Record<QueueName, string>>;
  /** How often due schedules are looked for; default a second (each look is a query of the table). */
  intervalMs?: number;
  /** Due schedules delivered per look. */
  batchSize?: number;
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
}

const defaultLog = (message: string, error?: unknown): void => {
  console.error(`[scheduler] ${message}`, error ?? '');
};

export const startSchedulerFirer = (options: SchedulerFirerOptions): Repeating => {
  const dynamo = new DynamoDBClient({
    endpoint: options.dynamoEndpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const store = localScheduleStore(DynamoDBDocumentClient.from(dynamo), options.tableName);
  const sqs = localSqsClient(options.sqsEndpoint);
  const log = options.log ?? defaultLog;
  const now = options.now ?? (() => new Date());

  const fire = async (schedule: LocalSchedule): Promise<void> => {
    const queueUrl = options.queueUrls[schedule.target as QueueName];
    if (queueUrl) {
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: schedule.payload }));
    } else {
      // Undeliverable for good (a queue no longer defined): dropped like a schedule whose target is gone.
      log(`schedule ${schedule.name} targets unknown queue "${schedule.target}"; dropped`);
    }
    await store.removeFired(schedule);
  };

  const timer = repeatEvery(
    options.intervalMs ?? 1_000,
    async () => {
      for (const schedule of await store.listDue(now(), options.batchSize ?? 25)) await fire(schedule);
    },
    log,
    'firing due schedules',
  );
  return {
    stop: async () => {
      await timer.stop();
      sqs.destroy();
      dynamo.destroy();
    },
  };
};
