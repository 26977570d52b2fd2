import { CfnOutput, CrossStackReferences, ReferenceStrength, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { type HttpFunctionName, httpFunctionNames } from '../../functions/app/function-definitions.js';
import { routes } from '../../functions/app/routes.js';
import { holdsSweepMessage } from '../../functions/modules/bookings/contracts/holds.js';
import { outboxSweepMessage } from '../../functions/modules/notifications/contracts/notifications.js';
import { reconcileMessage } from '../../functions/modules/payments/contracts/inbox.js';
import { jwtOf, type TenantConfig } from '../config/tenant-config.js';
import { EventlyApi } from '../constructs/api.js';
import { TenantEventBus } from '../constructs/event-bus.js';
import { metricsOf, ServiceFunctions } from '../constructs/functions.js';
import { GradualDeployments } from '../constructs/gradual-deployments.js';
import { MinuteSweeper } from '../constructs/minute-sweeper.js';
import { OperationsDashboard } from '../constructs/monitoring/dashboard.js';
import { OperationalAlarms } from '../constructs/monitoring/operational-alarms.js';
import { NightlyTick } from '../constructs/nightly.js';
import { PaymentSecret } from '../constructs/payment-secret.js';
import { PhoneUserPool, SignInKeySecret } from '../constructs/phone-sign-in.js';
import { WorkQueues } from '../constructs/queues.js';
import { TaskScheduler } from '../constructs/scheduler.js';
import { StreamConsumers } from '../constructs/stream-consumers.js';
import { TicketKeySecret } from '../constructs/ticket-key-secret.js';
import { WebhookKeySecret } from '../constructs/webhook-key-secret.js';

export interface AppStackProps extends StackProps {
  config: TenantConfig;
  /** The tenant's table, owned by the data stack. */
  table: ITable;
  /** The name of the tenant's materials bucket, owned by the data stack. */
  materialsBucketName: string;
}

/** Everything stateless of one tenant: functions, HTTP API, queues, schedules and alarms. */
export class AppStack extends Stack {
  readonly api: EventlyApi;
  readonly functions: ServiceFunctions;
  readonly queues: WorkQueues;
  readonly streams: StreamConsumers;
  readonly paymentSecret: PaymentSecret;
  readonly ticketKey: TicketKeySecret;
  readonly webhookKey: WebhookKeySecret;
  readonly signInKey: SignInKeySecret;
  /** The tenant's user pool, when it signs in by phone (`auth.mode: 'phone-otp'`). */
  readonly userPool: PhoneUserPool | undefined;
  readonly eventBus: TenantEventBus;
  readonly scheduler: TaskScheduler;
  readonly nightly: NightlyTick;
  readonly holdsSweeper: MinuteSweeper;
  readonly outboxSweeper: MinuteSweeper;
  readonly paymentsReconciler: MinuteSweeper;
  readonly alarms: OperationalAlarms;
  readonly dashboard: OperationsDashboard;
  readonly deployments: GradualDeployments;

  constructor(scope: Construct, id: string, props: AppStackProps) {
    super(scope, id, props);
    // Strong references (exports): CloudFormation refuses to delete the data stack while this stack
    // uses the table. Context, so it must be set before any child construct exists.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);
    const { config, table } = props;
    this.queues = new WorkQueues(this, 'Queues');
    this.paymentSecret = new PaymentSecret(this, 'PaymentSecret', { tenantId: config.tenantId });
    this.ticketKey = new TicketKeySecret(this, 'TicketKey', { tenantId: config.tenantId });
    this.webhookKey = new WebhookKeySecret(this, 'WebhookKey', { tenantId: config.tenantId });
    this.signInKey = new SignInKeySecret(this, 'SignInKey', { tenantId: config.tenantId });
    this.eventBus = new TenantEventBus(this, 'Events', {
      tenantId: config.tenantId,
      archiveRetentionDays: config.events.archiveRetentionDays,
      webhooksQueue: this.queues.get('webhooks').queue,
      automationsQueue: this.queues.get('automations').queue,
      deadLetterQueue: this.queues.deliveryDeadLetterQueue,
    });
    this.functions = new ServiceFunctions(this, 'Functions', {
      config,
      table,
      queues: this.queues,
      paymentSecret: this.paymentSecret,
      ticketKey: this.ticketKey,
      webhookKey: this.webhookKey,
      signInKey: this.signInKey,
      eventBus: this.eventBus,
      materialsBucketName: props.materialsBucketName,
    });
    this.queues.attachConsumers(this.functions.byName);
    const fns = this.functions.byName;
    this.streams = new StreamConsumers(this, 'Streams', { table, functions: fns });
    this.userPool =
      config.auth.mode === 'phone-otp'
        ? new PhoneUserPool(this, 'UserPool', { tenantId: config.tenantId, triggers: fns.signInTriggers })
        : undefined;
    this.userPool?.grantAdmin(fns.identity);
    this.api = new EventlyApi(this, 'Api', {
      config,
      // The tokens the JWT authorizer accepts: the user pool's, or the tenant's own provider's.
      jwt: this.userPool?.jwt ?? jwtOf(config),
      routes,
      // Each HTTP function's live alias; the cast: `fromEntries` types its keys as plain strings.
      handlers: Object.fromEntries(
        httpFunctionNames().map((name): [HttpFunctionName, IFunction] => [name, fns[name].alias]),
      ) as Record<HttpFunctionName, IFunction>,
    });
    const jobs = this.queues.get('jobs').queue;
    const holds = this.queues.get('holds').queue;
    const deadLetterQueue = this.queues.deliveryDeadLetterQueue;
    this.scheduler = new TaskScheduler(this, 'Scheduler', {
      targetQueue: holds,
      jobsQueue: jobs,
      deadLetterQueue,
    });
    for (const fn of Object.values(fns)) if (fn.definition.schedulesHolds) this.scheduler.grantScheduling(fn);
    this.holdsSweeper = new MinuteSweeper(this, 'HoldsSweeper', {
      queue: holds,
      deadLetterQueue,
      message: holdsSweepMessage,
      description: 'Hold sweeper: releases held bookings past their deadline that no schedule released',
    });
    this.outboxSweeper = new MinuteSweeper(this, 'OutboxSweeper', {
      queue: this.queues.get('notifications').queue,
      deadLetterQueue,
      message: outboxSweepMessage,
      description: 'Outbox sweeper: re-enqueues outbox items still pending after their stream relay',
    });
    this.paymentsReconciler = new MinuteSweeper(this, 'PaymentsReconciler', {
      queue: this.queues.get('payments').queue,
      deadLetterQueue,
      message: reconcileMessage,
      description: 'Payments reconciler: asks the provider about orders still unpaid after their hold',
    });
    this.nightly = new NightlyTick(this, 'Nightly', {
      queue: this.queues.get('nightly').queue,
      deadLetterQueue,
      hourUtc: config.nightly.hourUtc,
      minuteUtc: config.nightly.minuteUtc,
    });
    this.alarms = new OperationalAlarms(this, 'Alarms', {
      config,
      resources: {
        api: this.api.httpApi,
        functions: fns,
        queues: this.queues,
        streams: this.streams,
        table,
        scheduleGroup: this.scheduler.group,
        rules: {
          holdsSweeper: this.holdsSweeper.rule,
          outboxSweeper: this.outboxSweeper.rule,
          paymentsReconciler: this.paymentsReconciler.rule,
          nightly: this.nightly.rule,
          domainEvents: { rule: this.eventBus.rule, eventBusName: this.eventBus.bus.eventBusName },
        },
        notificationMetrics: metricsOf(config, 'notifications'),
        nightlyMetrics: metricsOf(config, 'nightly'),
        webhookMetrics: metricsOf(config, 'webhooks'),
      },
    });
    this.deployments = new GradualDeployments(this, 'Deployments', {
      functions: fns,
      // HTTP functions answer their errors with a 500: the API's 5xx rate shows a bad version.
      rollbackAlarms: (name) => [
        this.alarms.functionErrors[name],
        ...(httpFunctionNames().some((n) => n === name) ? [this.alarms.apiServerErrors] : []),
      ],
    });
    this.dashboard = new OperationsDashboard(this, 'Dashboard', {
      tenantId: config.tenantId,
      alarms: this.alarms,
    });
    this.addOutputs(jobs.queueUrl, this.queues.get('nightly').queue.queueUrl);
  }

  private addOutputs(jobsQueueUrl: string, nightlyQueueUrl: string): void {
    new CfnOutput(this, 'ApiUrl', { value: this.api.stage.url });
    new CfnOutput(this, 'ScheduleGroupName', { value: this.scheduler.group.scheduleGroupName });
    new CfnOutput(this, 'SchedulerRoleArn', { value: this.scheduler.role.roleArn });
    new CfnOutput(this, 'JobsQueueUrl', { value: jobsQueueUrl });
    new CfnOutput(this, 'NightlyQueueUrl', { value: nightlyQueueUrl });
    new CfnOutput(this, 'PaymentSecretArn', {
      value: this.paymentSecret.secret.secretArn,
      description: "Put the payment providers' keys here (JSON; the secret's description shows the shape)",
    });
    new CfnOutput(this, 'TicketKeySecretArn', {
      value: this.ticketKey.secret.secretArn,
      description: 'The ticket key (generated; keep it: replacing it voids every issued ticket code)',
    });
    new CfnOutput(this, 'WebhookKeySecretArn', {
      value: this.webhookKey.secret.secretArn,
      description:
        "The webhook key (generated; keep it: every subscription's signing secret derives from it)",
    });
  }
}
