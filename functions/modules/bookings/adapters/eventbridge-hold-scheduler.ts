import {
  ConflictException,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';
import { atExpression, oneOffSchedule } from '../../../kernel/aws/one-off-schedules.js';
import type { HoldExpiry } from '../domain/model.js';
import type { HoldScheduler } from '../domain/ports.js';
import {
  holdExpireMessage,
  holdReminderScheduleName,
  holdRemindMessage,
  holdScheduleName,
} from './hold-schedule.js';

export interface EventBridgeHoldSchedulerConfig {
  /** The stack's schedule group (SCHEDULE_GROUP_NAME). */
  groupName: string | undefined;
  /** The role Scheduler assumes to deliver (SCHEDULER_ROLE_ARN); it may send to the holds queue only. */
  roleArn: string | undefined;
  /** The holds queue (HOLDS_QUEUE_ARN). */
  queueArn: string | undefined;
  /** Where Scheduler puts an expiry it could not deliver after its retries (SCHEDULE_DLQ_ARN). */
  deadLetterArn: string | undefined;
}

export { atExpression };

const required = (config: EventBridgeHoldSchedulerConfig) => {
  const { groupName, roleArn, queueArn, deadLetterArn } = config;
  // Only functions granted scheduling get these; the others never call the port.
  if (!groupName || !roleArn || !queueArn || !deadLetterArn)
    throw new Error(
      'hold scheduling is not configured (SCHEDULE_GROUP_NAME, SCHEDULER_ROLE_ARN, HOLDS_QUEUE_ARN, SCHEDULE_DLQ_ARN)',
    );
  return { groupName, roleArn, queueArn, deadLetterArn };
};

/** Creates a one-off schedule; a name already taken is the same hold's schedule, made before. */
const createOneOff = async (
  client: SchedulerClient,
  config: EventBridgeHoldSchedulerConfig,
  name: string,
  at: string,
  message: object,
): Promise<void> => {
  try {
    await client.send(oneOffSchedule(required(config), name, at, message));
  } catch (error) {
    if (!(error instanceof ConflictException)) throw error;
  }
};

/**
 * Hold expiries (and their reminders) as one-off EventBridge Scheduler schedules that deliver to the holds queue and
 * delete themselves after firing. Both calls are idempotent: a name already taken is the same
 * booking's schedule, and a missing one has fired or was never made.
 */
export const eventBridgeHoldScheduler = (
  client: SchedulerClient,
  config: EventBridgeHoldSchedulerConfig,
): HoldScheduler => ({
  scheduleExpiry: (expiry: HoldExpiry) =>
    createOneOff(client, config, holdScheduleName(expiry), expiry.at, holdExpireMessage(expiry)),

  scheduleReminder: (reminder: HoldExpiry) =>
    createOneOff(
      client,
      config,
      holdReminderScheduleName(reminder),
      reminder.at,
      holdRemindMessage(reminder),
    ),

  async cancelExpiry(ref) {
    const { groupName } = required(config);
    try {
      await client.send(new DeleteScheduleCommand({ Name: holdScheduleName(ref), GroupName: groupName }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  },
});
