import { CfnOutput, CrossStackReferences, ReferenceStrength, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { routes } from '../../functions/app/routes.js';
import { holdsSweepMessage } from '../../functions/modules/bookings/contracts/holds.js';
import { outboxSweepMessage } from '../../functions/modules/notifications/contracts/notifications.js';
import { reconcileMessage } from '../../functions/modules/payments/contracts/inbox.js';
import type { TenantConfig } from '../config/tenant-config.js';
import { OperationalAlarms } from '../constructs/alarms.js';
import { EventlyApi } from '../constructs/api.js';
import { metricsOf, ServiceFunctions } from '../constructs/functions.js';
import { MinuteSweeper } from '../constructs/minute-sweeper.js';
import { NightlyTick } from '../constructs/nightly.js';
import { PaymentSecret } from '../constructs/payment-secret.js';
import { WorkQueues } from '../constructs/queues.js';
import { TaskScheduler } from '../constructs/scheduler.js';
import { TicketKeySecret } from '../constructs/ticket-key-secret.js';

export interface AppStackProps extends StackProps {
  config: TenantConfig;
  /** The tenant's table, owned by the data stack. */
  table: ITable;
}

/** Everything stateless of one tenant: functions, HTTP API, queues, schedules and alarms. */
export class AppStack extends Stack {
  readonly api: EventlyApi;
  readonly functions: ServiceFunctions;
  readonly queues: WorkQueues;
  readonly paymentSecret: PaymentSecret;
  readonly ticketKey: TicketKeySecret;
  readonly scheduler: TaskScheduler;
  readonly nightly: NightlyTick;
  readonly holdsSweeper: MinuteSweeper;
  readonly outboxSweeper: MinuteSweeper;
  readonly paymentsReconciler: MinuteSweeper;
  readonly alarms: OperationalAlarms;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props);
    // Strong references (exports): CloudFormation refuses to delete the data stack while this stack
    // uses the table. Context, so it must be set before any child construct exists.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);
    const { config, table } = props;
    this.queues = new WorkQueues(this, 'Queues');
    this.paymentSecret = new PaymentSecret(this, 'PaymentSecret', { tenantId: config.tenantId });
    this.ticketKey = new TicketKeySecret(this, 'TicketKey', { tenantId: config.tenantId });
    this.functions = new ServiceFunctions(this, 'Functions', {
      config,
      table,
      queues: this.queues,
      paymentSecret: this.paymentSecret,
      ticketKey: this.ticketKey,
    });
    this.queues.attachConsumers(this.functions.byName);
    const fns = this.functions.byName;
    this.api = new EventlyApi(this, 'Api', {
      config,
      routes,
      handlers: {
        public: fns.public.function,
        orgs: fns.orgs.function,
        catalog: fns.catalog.function,
        payments: fns.payments.function,
        tickets: fns.tickets.function,
      },
    });
    const jobs = this.queues.get('jobs').queue;
    const holds = this.queues.get('holds').queue;
    this.scheduler = new TaskScheduler(this, 'Scheduler', { targetQueue: holds });
    for (const fn of Object.values(fns)) if (fn.definition.schedulesHolds) this.scheduler.grantScheduling(fn);
    this.holdsSweeper = new MinuteSweeper(this, 'HoldsSweeper', {
      queue: holds,
      message: holdsSweepMessage,
      description: 'Hold sweeper: releases held bookings past their deadline that no schedule released',
    });
    this.outboxSweeper = new MinuteSweeper(this, 'OutboxSweeper', {
      queue: this.queues.get('notifications').queue,
      message: outboxSweepMessage,
      description: 'Outbox sweeper: re-enqueues outbox items still pending after their fast path',
    });
    this.paymentsReconciler = new MinuteSweeper(this, 'PaymentsReconciler', {
      queue: this.queues.get('payments').queue,
      message: reconcileMessage,
      description: 'Payments reconciler: asks the provider about orders still unpaid after their hold',
    });
    this.nightly = new NightlyTick(this, 'Nightly', { queue: jobs, ...config.nightly });
    this.alarms = new OperationalAlarms(this, 'Alarms', {
      tenantId: config.tenantId,
      alarmEmail: config.alarmEmail,
      deadLetterQueues: Object.fromEntries(
        this.queues.all().map((q) => [q.definition.name, q.deadLetterQueue]),
      ),
      functions: Object.fromEntries(Object.entries(fns).map(([name, fn]) => [name, fn.function])),
      notificationMetrics: metricsOf(config, 'notifications'),
    });
    this.addOutputs(jobs.queueUrl);
  }

  private addOutputs(jobsQueueUrl: string): void {
    new CfnOutput(this, 'ApiUrl', { value: this.api.stage.url });
    new CfnOutput(this, 'ScheduleGroupName', { value: this.scheduler.group.scheduleGroupName });
    new CfnOutput(this, 'SchedulerRoleArn', { value: this.scheduler.role.roleArn });
    new CfnOutput(this, 'JobsQueueUrl', { value: jobsQueueUrl });
    new CfnOutput(this, 'PaymentSecretArn', {
      value: this.paymentSecret.secret.secretArn,
      description: "Put the payment providers' keys here (JSON; the secret's description shows the shape)",
    });
    new CfnOutput(this, 'TicketKeySecretArn', {
      value: this.ticketKey.secret.secretArn,
      description: 'The ticket key (generated; keep it: replacing it voids every issued ticket code)',
    });
  }
}
