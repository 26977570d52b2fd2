import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface TaskSchedulerProps {
  /** The only target one-off schedules (hold and offer expiries) may deliver to. */
  targetQueue: IQueue;
}

/**
 * The schedule group that one-off `at()` schedules are created in, and the role EventBridge
 * Scheduler assumes to deliver them: it may send to the target queue and do nothing else, and only
 * schedules of this group in this account can make Scheduler assume it.
 */
export class TaskScheduler extends Construct {
  readonly group: ScheduleGroup;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: TaskSchedulerProps) {
    super(scope, id);
    // Pending schedules point at this stack's queue; they are worthless once the stack is gone.
    this.group = new ScheduleGroup(this, 'Group', { removalPolicy: RemovalPolicy.DESTROY });
    const principal = new ServicePrincipal('scheduler.amazonaws.com').withConditions({
      // Confused-deputy guard: schedules in other accounts or other groups cannot use this role.
      StringEquals: {
        'aws:SourceAccount': Stack.of(this).account,
        'aws:SourceArn': this.group.scheduleGroupArn,
      },
    });
    this.role = new Role(this, 'Role', {
      assumedBy: principal,
      description: 'EventBridge Scheduler delivery role: sqs:SendMessage to the jobs queue only',
    });
    this.role.addToPolicy(
      new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [props.targetQueue.queueArn] }),
    );
  }
}
