import {
  ActionAfterCompletion,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  FlexibleTimeWindowMode,
  ResourceNotFoundException,
  type SchedulerClient,
} from '@aws-sdk/client-scheduler';

/**
 * One-off schedules that put a message on a queue at a time and delete themselves after firing:
 * EventBridge Scheduler in AWS, the local runtime's table-backed schedules locally. Modules name
 * their schedules and build their messages; this is the one place that makes and deletes them.
 */
export interface OneOffSchedules {
  /** Makes the schedule `name` (replacing one of that name) to send `message` at `at`. */
  replace(name: string, at: string, message: object): Promise<void>;
  /** Deletes it; absent (fired or never made) is fine. */
  remove(name: string): Promise<void>;
}

export interface EventBridgeScheduleConfig {
  /** The stack's schedule group (SCHEDULE_GROUP_NAME). */
  groupName: string | undefined;
  /** The role Scheduler assumes to deliver (SCHEDULER_ROLE_ARN). */
  roleArn: string | undefined;
  /** The queue the schedules deliver to (e.g. JOBS_QUEUE_ARN). */
  queueArn: string | undefined;
  /** Where Scheduler puts a delivery that failed every retry (SCHEDULE_DLQ_ARN). */
  deadLetterArn: string | undefined;
  /** Named in the error when a setting is missing. */
  what: string;
}

/** `at()` takes UTC wall-clock time to the second, without zone or fraction. */
export const atExpression = (iso: string): string => {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) throw new Error(`not a date-time: ${iso}`);
  // Rounded up: a schedule that fires early only makes its consumer wait or skip.
  const seconds = new Date(Math.ceil(at.getTime() / 1000) * 1000);
  return `at(${seconds.toISOString().slice(0, 19)})`;
};

export interface ScheduleTarget {
  groupName: string;
  roleArn: string;
  queueArn: string;
  deadLetterArn: string;
}

/**
 * A one-off schedule that sends `message` to the target's queue at `at`, deletes itself after
 * firing, and keeps a delivery that failed every retry in the dead-letter queue.
 */
export const oneOffSchedule = (target: ScheduleTarget, name: string, at: string, message: object) =>
  new CreateScheduleCommand({
    Name: name,
    GroupName: target.groupName,
    ScheduleExpression: atExpression(at),
    ScheduleExpressionTimezone: 'UTC',
    FlexibleTimeWindow: { Mode: FlexibleTimeWindowMode.OFF },
    ActionAfterCompletion: ActionAfterCompletion.DELETE,
    Target: {
      Arn: target.queueArn,
      RoleArn: target.roleArn,
      Input: JSON.stringify(message),
      DeadLetterConfig: { Arn: target.deadLetterArn },
    },
  });

const required = (config: EventBridgeScheduleConfig): ScheduleTarget => {
  const { groupName, roleArn, queueArn, deadLetterArn } = config;
  if (!groupName || !roleArn || !queueArn || !deadLetterArn)
    throw new Error(
      `${config.what} scheduling is not configured (SCHEDULE_GROUP_NAME, SCHEDULER_ROLE_ARN, the queue's ARN, SCHEDULE_DLQ_ARN)`,
    );
  return { groupName, roleArn, queueArn, deadLetterArn };
};

/** Replacing is delete, then create: the schedule's time and message are the latest asked for. */
export const eventBridgeOneOffSchedules = (
  client: SchedulerClient,
  config: EventBridgeScheduleConfig,
): OneOffSchedules => {
  const remove = async (name: string, groupName: string) => {
    try {
      await client.send(new DeleteScheduleCommand({ Name: name, GroupName: groupName }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
  };
  return {
    async replace(name, at, message) {
      const target = required(config);
      await remove(name, target.groupName);
      await client.send(oneOffSchedule(target, name, at, message));
    },
    async remove(name) {
      await remove(name, required(config).groupName);
    },
  };
};

/** What the local runtime's schedule store takes (bookings' local-schedule-store.ts). */
export interface LocalSchedulePuts {
  put(schedule: { name: string; at: string; target: string; payload: string }): Promise<void>;
  remove(name: string): Promise<void>;
}

/** Local schedules that the local runtime's firer delivers to `target` (a queue definition's name). */
export const localOneOffSchedules = (store: LocalSchedulePuts, target: string): OneOffSchedules => ({
  async replace(name, at, message) {
    await store.put({ name, at: new Date(at).toISOString(), target, payload: JSON.stringify(message) });
  },
  async remove(name) {
    await store.remove(name);
  },
});
