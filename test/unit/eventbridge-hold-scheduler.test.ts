import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
  ValidationException,
} from '@aws-sdk/client-scheduler';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  atExpression,
  eventBridgeHoldScheduler,
} from '../../functions/modules/bookings/adapters/eventbridge-hold-scheduler.js';
import { holdScheduleName } from '../../functions/modules/bookings/adapters/hold-schedule.js';
import { holdsMessageSchema } from '../../functions/modules/bookings/contracts/holds.js';

/**
 * EventBridge Scheduler has no local engine (neither DynamoDB Local nor fauxqs covers it), so this
 * adapter alone is tested against a mocked SchedulerClient: the requests it makes and how it
 * treats the service's answers.
 */

const config = {
  groupName: 'evently-acme-holds',
  roleArn: 'arn:aws:iam::123456789012:role/scheduler',
  queueArn: 'arn:aws:sqs:eu-west-1:123456789012:holds',
  deadLetterArn: 'arn:aws:sqs:eu-west-1:123456789012:delivery-dlq',
};
const expiry = {
  orgId: 'org_0h3k5m7n9p1q3r5s7t9v',
  sessionId: 'ses_3f7h1k5m9p3r7t1v5x9z',
  bookingId: 'bkg_1a2b3c4d5e6f7g8h9j0k',
  at: '2026-11-23T20:15:30.250Z',
};
const { at: _at, ...ref } = expiry;

const mock = mockClient(SchedulerClient);
const scheduler = () => eventBridgeHoldScheduler(new SchedulerClient({ region: 'eu-west-1' }), config);

describe('EventBridge hold scheduler (mocked SchedulerClient: Scheduler has no local engine)', () => {
  beforeEach(() => mock.reset());

  it('creates a one-off at() schedule in the group that sends the expiry to the holds queue and deletes itself', async () => {
    mock.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });
    await scheduler().scheduleExpiry(expiry);
    const calls = mock.commandCalls(CreateScheduleCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]?.args[0].input;
    expect(input).toEqual({
      Name: 'hold-org_0h3k5m7n9p1q3r5s7t9v-bkg_1a2b3c4d5e6f7g8h9j0k',
      GroupName: config.groupName,
      ScheduleExpression: 'at(2026-11-23T20:15:31)',
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: config.queueArn,
        RoleArn: config.roleArn,
        Input: expect.any(String),
        DeadLetterConfig: { Arn: config.deadLetterArn },
      },
    });
    const message = holdsMessageSchema.parse(JSON.parse(input?.Target?.Input ?? 'null'));
    expect(message).toEqual({ type: 'hold.expire', ...expiry });
  });

  it('makes the reminder a schedule of its own name that sends hold.remind to the same queue', async () => {
    mock.on(CreateScheduleCommand).resolves({ ScheduleArn: 'arn:schedule' });
    await scheduler().scheduleReminder(expiry);
    const input = mock.commandCalls(CreateScheduleCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      Name: 'remind-org_0h3k5m7n9p1q3r5s7t9v-bkg_1a2b3c4d5e6f7g8h9j0k',
      ScheduleExpression: 'at(2026-11-23T20:15:31)',
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: config.queueArn,
        RoleArn: config.roleArn,
        DeadLetterConfig: { Arn: config.deadLetterArn },
      },
    });
    const message = holdsMessageSchema.parse(JSON.parse(input?.Target?.Input ?? 'null'));
    expect(message).toEqual({ type: 'hold.remind', ...expiry });
  });

  it('treats an existing schedule of the same name as success, so scheduling twice is harmless', async () => {
    mock
      .on(CreateScheduleCommand)
      .resolvesOnce({ ScheduleArn: 'arn:schedule' })
      .rejects(
        new ConflictException({
          Message: 'Schedule already exists',
          message: 'Schedule already exists',
          $metadata: {},
        }),
      );
    await scheduler().scheduleExpiry(expiry);
    await scheduler().scheduleExpiry(expiry);
    const names = mock.commandCalls(CreateScheduleCommand).map((c) => c.args[0].input.Name);
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(1);
  });

  it('passes on any other failure to create', async () => {
    mock
      .on(CreateScheduleCommand)
      .rejects(new ValidationException({ Message: 'bad', message: 'bad', $metadata: {} }));
    await expect(scheduler().scheduleExpiry(expiry)).rejects.toBeInstanceOf(ValidationException);
  });

  it('deletes the schedule by the same name on cancel, and a missing one is fine', async () => {
    mock
      .on(DeleteScheduleCommand)
      .resolvesOnce({})
      .rejects(new ResourceNotFoundException({ Message: 'gone', message: 'gone', $metadata: {} }));
    await scheduler().cancelExpiry(ref);
    await scheduler().cancelExpiry(ref);
    const inputs = mock.commandCalls(DeleteScheduleCommand).map((c) => c.args[0].input);
    expect(inputs).toEqual([
      { Name: holdScheduleName(ref), GroupName: config.groupName },
      { Name: holdScheduleName(ref), GroupName: config.groupName },
    ]);
  });

  it('passes on any other failure to delete', async () => {
    mock
      .on(DeleteScheduleCommand)
      .rejects(new ValidationException({ Message: 'bad', message: 'bad', $metadata: {} }));
    await expect(scheduler().cancelExpiry(ref)).rejects.toBeInstanceOf(ValidationException);
  });

  it('refuses to schedule when the function was not given the group, role and queue', async () => {
    const unconfigured = eventBridgeHoldScheduler(new SchedulerClient({ region: 'eu-west-1' }), {
      groupName: undefined,
      roleArn: undefined,
      queueArn: undefined,
      deadLetterArn: undefined,
    });
    await expect(unconfigured.scheduleExpiry(expiry)).rejects.toThrow(/SCHEDULE_GROUP_NAME/);
    expect(mock.calls()).toHaveLength(0);
  });
});

describe('hold schedule names and at() expressions', () => {
  it('rounds up to the next whole second in UTC, so a schedule never fires before the deadline', () => {
    expect(atExpression('2026-11-23T20:15:30.000Z')).toBe('at(2026-11-23T20:15:30)');
    expect(atExpression('2026-11-23T20:15:30.001Z')).toBe('at(2026-11-23T20:15:31)');
    expect(atExpression('2026-11-23T22:15:30.000+02:00')).toBe('at(2026-11-23T20:15:30)');
  });

  it('keeps names within Scheduler limits, distinct per booking, with a digest when the readable form is too long', () => {
    const long = { ...ref, bookingId: 'b'.repeat(60) };
    const names = [ref, { ...ref, bookingId: 'bkg_other' }, long, { ...long, sessionId: 'ses_other' }].map(
      holdScheduleName,
    );
    for (const name of names) expect(name).toMatch(/^[0-9a-zA-Z_.-]{1,64}$/);
    expect(new Set(names).size).toBe(names.length);
    expect(names[2]).toMatch(/^hold-[0-9a-f]{48}$/);
  });
});
