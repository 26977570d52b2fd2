import {
  ActionAfterCompletion,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  FlexibleTimeWindowMode,
  ResourceNotFoundException,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';
import type { AnnouncementScheduler } from '../domain/ports.js';
import { announcementScheduleName, scheduledSendMessage } from './announcement-schedule.js';

export interface EventBridgeAnnouncementSchedulerConfig {
  /** The stack's schedule group (SCHEDULE_GROUP_NAME). */
  groupName: string | undefined;
  /** The role Scheduler assumes to deliver (SCHEDULER_ROLE_ARN). */
  roleArn: string | undefined;
  /** The jobs queue (JOBS_QUEUE_ARN), whose consumer sends announcements. */
  queueArn: string | undefined;
  /** Where Scheduler puts a delivery that failed every retry (SCHEDULE_DLQ_ARN). */
  deadLetterArn: string | undefined;
}

/** `at()` takes UTC wall-clock time to the second; rounded up, so it never fires early. */
const atExpression = (iso: string): string => {
  const seconds = new Date(Math.ceil(new Date(iso).getTime() / 1000) * 1000);
  return `at(${seconds.toISOString().slice(0, 19)})`;
};

const required = (config: EventBridgeAnnouncementSchedulerConfig) => {
  const { groupName, roleArn, queueArn, deadLetterArn } = config;
  if (!groupName || !roleArn || !queueArn || !deadLetterArn)
    throw new Error(
      'announcement scheduling is not configured (SCHEDULE_GROUP_NAME, SCHEDULER_ROLE_ARN, JOBS_QUEUE_ARN, SCHEDULE_DLQ_ARN)',
    );
  return { groupName, roleArn, queueArn, deadLetterArn };
};

/**
 * Announcements as one-off EventBridge Scheduler schedules that put the send on the jobs queue and
 * delete themselves after firing. Scheduling again replaces the schedule (delete, then create);
 * the consumer acts only on the time the announcement is still scheduled for.
 */
export const eventBridgeAnnouncementScheduler = (
  client: SchedulerClient,
  config: EventBridgeAnnouncementSchedulerConfig,
): AnnouncementScheduler => {
  const remove = async (name: string, groupName: string) => {
    try {
      await client.send(new DeleteScheduleCommand({ Name: name, GroupName: groupName }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  };
  return {
    async schedule(ref, at) {
      const { groupName, roleArn, queueArn, deadLetterArn } = required(config);
      const name = announcementScheduleName(ref);
      await remove(name, groupName);
      await client.send(
        new CreateScheduleCommand({
          Name: name,
          GroupName: groupName,
          ScheduleExpression: atExpression(at),
          ScheduleExpressionTimezone: 'UTC',
          FlexibleTimeWindow: { Mode: FlexibleTimeWindowMode.OFF },
          ActionAfterCompletion: ActionAfterCompletion.DELETE,
          Target: {
            Arn: queueArn,
            RoleArn: roleArn,
            Input: JSON.stringify(scheduledSendMessage(ref, at)),
            DeadLetterConfig: { Arn: deadLetterArn },
          },
        }),
      );
    },
    async cancel(ref) {
      await remove(announcementScheduleName(ref), required(config).groupName);
    },
  };
};
