import { RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { ServiceFunction } from './lambda-function.js';

export interface TaskSchedulerProps {
  /** Where hold and offer expiries (and their reminders) are delivered. */
  targetQueue: IQueue;
  /** Where announcement schedules are delivered (their send runs as a job). */
  jobsQueue: IQueue;
  /** Where Scheduler puts a delivery that failed every retry (named in each schedule it makes). */
  deadLetterQueue: IQueue;
}

type Intrinsic = { Ref?: string; 'Fn::GetAtt'?: [string, string] };

/**
 * A resource string as cdk-nag prints it in a finding id (intrinsics as `<AWS::AccountId>` or
 * `<LogicalId.Attr>`), so the acknowledgement names exactly that finding and nothing broader.
 */
const nagResourceText = (stack: Stack, value: string): string => {
  const resolved = stack.resolve(value) as string | { 'Fn::Join': [string, (string | Intrinsic)[]] };
  if (typeof resolved === 'string') return resolved;
  const [separator, parts] = resolved['Fn::Join'];
  return parts
    .map((part) => {
      if (typeof part === 'string') return part;
      if (part.Ref) return `<${part.Ref}>`;
      if (part['Fn::GetAtt']) return `<${part['Fn::GetAtt'].join('.')}>`;
      throw new Error(`unexpected intrinsic in ${JSON.stringify(resolved)}`);
    })
    .join(separator);
};

/**
 * The schedule group that one-off `at()` schedules are created in, and the role EventBridge
 * Scheduler assumes to deliver them: it may send to the target queue and do nothing else, and only
 * schedules of this group in this account can make Scheduler assume it.
 */
export class TaskScheduler extends Construct {
  readonly group: ScheduleGroup;
  readonly role: Role;
  private readonly targetQueue: IQueue;
  private readonly jobsQueue: IQueue;
  private readonly deadLetterQueue: IQueue;

  constructor(scope: Construct, id: string, props: TaskSchedulerProps) {
    super(scope, id);
    this.targetQueue = props.targetQueue;
    this.jobsQueue = props.jobsQueue;
    this.deadLetterQueue = props.deadLetterQueue;
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
      description:
        'EventBridge Scheduler delivery role: sqs:SendMessage to the holds and jobs queues and its delivery DLQ only',
    });
    this.role.addToPolicy(
      new PolicyStatement({
        actions: ['sqs:SendMessage'],
        resources: [props.targetQueue.queueArn, props.jobsQueue.queueArn, props.deadLetterQueue.queueArn],
      }),
    );
  }

  /**
   * What a function needs to make and delete schedules: the two actions on schedules of this group
   * only, passing this role to Scheduler only, and the names the adapter reads from its environment.
   */
  grantScheduling(fn: ServiceFunction): void {
    const stack = Stack.of(this);
    const schedulesOfGroup = stack.formatArn({
      service: 'scheduler',
      resource: 'schedule',
      resourceName: `${this.group.scheduleGroupName}/*`,
    });
    fn.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'],
        resources: [schedulesOfGroup],
      }),
    );
    fn.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [this.role.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    Validations.of(fn.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${nagResourceText(stack, schedulesOfGroup)}]`,
      reason:
        'Hold-expiry and announcement schedules are named per booking or announcement at run time, so the grant covers the schedules of ' +
        "this stack's schedule group (schedule/<group>/*) and no other group.",
    });
    fn.function.addEnvironment('SCHEDULE_GROUP_NAME', this.group.scheduleGroupName);
    fn.function.addEnvironment('SCHEDULER_ROLE_ARN', this.role.roleArn);
    fn.function.addEnvironment('HOLDS_QUEUE_ARN', this.targetQueue.queueArn);
    fn.function.addEnvironment('JOBS_QUEUE_ARN', this.jobsQueue.queueArn);
    fn.function.addEnvironment('SCHEDULE_DLQ_ARN', this.deadLetterQueue.queueArn);
  }
}
