import { Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import {
  type FunctionDefinition,
  type FunctionName,
  functionDefinitions,
} from '../../functions/app/function-definitions.js';
import { queueUrlEnvVar } from '../../functions/app/queue-definitions.js';
import type { TenantConfig } from '../config/tenant-config.js';
import type { TenantEventBus } from './event-bus.js';
import { ServiceFunction } from './lambda-function.js';
import { grantMaterialFiles } from './materials-bucket.js';
import type { PaymentSecret } from './payment-secret.js';
import type { WorkQueues } from './queues.js';
import { grantTableAccess } from './table-access.js';
import type { TicketKeySecret } from './ticket-key-secret.js';
import type { WebhookKeySecret } from './webhook-key-secret.js';

export interface ServiceFunctionsProps {
  config: TenantConfig;
  table: ITable;
  queues: WorkQueues;
  /** Read by the functions whose definition has `readsPaymentSecrets`, and by no other. */
  paymentSecret: PaymentSecret;
  /** Read by the functions whose definition has `readsTicketKey`, and by no other. */
  ticketKey: TicketKeySecret;
  /** Read by the functions whose definition has `readsWebhookKey`, and by no other. */
  webhookKey: WebhookKeySecret;
  /** Published to by the functions whose definition has `publishesEvents`, and by no other. */
  eventBus: TenantEventBus;
  /** The materials bucket: reached by the functions whose definition names `materialFiles`, at that level. */
  materialsBucketName: string;
}

/** Where the functions' Powertools metrics land: one namespace per tenant, a `service` per function. */
export const metricsOf = (config: Pick<TenantConfig, 'tenantId'>, name: FunctionName) => ({
  namespace: `Evently/${config.tenantId}`,
  service: `evently-${name}`,
});

/** Tenant settings every function reads (see functions/kernel/env.ts); none of them is a secret. */
const tenantEnvironment = (config: TenantConfig, name: FunctionName): Record<string, string> => ({
  POWERTOOLS_SERVICE_NAME: metricsOf(config, name).service,
  POWERTOOLS_METRICS_NAMESPACE: metricsOf(config, name).namespace,
  POWERTOOLS_LOG_LEVEL: config.logLevel,
  ORG_CREATION: config.orgCreation.mode,
  OPERATOR_SUBS: config.orgCreation.operators.join(','),
  MAX_BODY_BYTES: String(config.api.maxBodyBytes),
  COUNTER_MAX_SHARDS: String(config.counterShards.maxShards),
  NIGHTLY_FORECAST_DAYS: String(config.nightly.forecastDays),
  AUDIT_RETENTION_DAYS: String(config.audit.retentionDays),
  COUNTER_PLACES_PER_SHARD: String(config.counterShards.placesPerShard),
});

/**
 * Payment settings for the functions that read the providers' secret: the secret's ARN (where to
 * read the keys at run time, never a key) and the tenant's providers and platform fee.
 */
const paymentEnvironment = (config: TenantConfig, secret: PaymentSecret): Record<string, string> => ({
  PAYMENT_SECRET_ID: secret.secret.secretArn,
  PAYMENT_PROVIDERS: config.payments.providers.join(','),
  PLATFORM_FEE_BPS: String(config.payments.platformFee.basisPoints),
  PLATFORM_FEE_FIXED_MINOR: String(config.payments.platformFee.fixedMinor),
});

/**
 * SES may send only from the configured sender (the address and its domain, whichever identity is
 * verified); without one no SES grant exists and email delivery fails visibly. SMS is a direct
 * SNS publish to a phone number, which has no resource ARN to scope to.
 */
const grantNotificationSending = (fn: ServiceFunction, fromEmail: string | undefined): void => {
  const stack = Stack.of(fn);
  if (fromEmail) {
    const identities = [fromEmail, fromEmail.split('@')[1] ?? fromEmail];
    fn.role.addToPolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: identities.map((id) =>
          stack.formatArn({ service: 'ses', resource: 'identity', resourceName: id }),
        ),
      }),
    );
  }
  fn.role.addToPolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }));
  // The grant is for SMS only: a publish to any topic (the alarm topic included) names a topic ARN,
  // which this statement refuses; a publish to a phone number names none, so it is not refused.
  fn.role.addToPolicy(
    new PolicyStatement({
      effect: Effect.DENY,
      actions: ['sns:Publish'],
      resources: [stack.formatArn({ service: 'sns', region: '*', account: '*', resource: '*' })],
    }),
  );
  Validations.of(fn.role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'Two actions support no resource-level permission here: the X-Ray statement CDK adds for active ' +
      'tracing, and sns:Publish straight to a phone number (SMS), which has no topic ARN to scope to.',
  });
};

const definitionsByName = Object.entries(functionDefinitions) as [FunctionName, FunctionDefinition][];

/**
 * Every function from the function definitions. Each gets exactly what its definition declares:
 * table access at its level (and TABLE_NAME only then), SendMessage on its `sendsTo` queues (and
 * their URLs), SES/SNS sends when it delivers notifications, the payment secret (and the payment
 * settings) when it reads payment secrets, the ticket key (and where it is) when it reads the ticket
 * key, nothing else.
 */
export class ServiceFunctions extends Construct {
  readonly byName: Record<FunctionName, ServiceFunction>;

  constructor(scope: Construct, id: string, props: ServiceFunctionsProps) {
    super(scope, id);
    const built = definitionsByName.map(([name, definition]) => [name, this.build(name, definition, props)]);
    this.byName = Object.fromEntries(built) as Record<FunctionName, ServiceFunction>;
  }

  private build(
    name: FunctionName,
    definition: FunctionDefinition,
    props: ServiceFunctionsProps,
  ): ServiceFunction {
    const { config, table, queues, paymentSecret, ticketKey, webhookKey, eventBus, materialsBucketName } =
      props;
    const targets = definition.sendsTo.map((q) => ({
      envVar: queueUrlEnvVar(q),
      queue: queues.get(q).queue,
    }));
    const environment = {
      ...tenantEnvironment(config, name),
      ...(definition.table === 'none' ? {} : { TABLE_NAME: table.tableName }),
      ...Object.fromEntries(targets.map((t) => [t.envVar, t.queue.queueUrl])),
      ...(definition.sendsNotifications && config.notifications.fromEmail
        ? { NOTIFY_FROM_EMAIL: config.notifications.fromEmail }
        : {}),
      ...(definition.readsPaymentSecrets ? paymentEnvironment(config, paymentSecret) : {}),
      // Where to read the ticket key at run time (its ARN), never the key.
      ...(definition.readsTicketKey ? { TICKET_KEY_SECRET_ID: ticketKey.secret.secretArn } : {}),
      // Where to read the webhook key at run time (its ARN), never the key.
      ...(definition.readsWebhookKey ? { WEBHOOK_KEY_SECRET_ID: webhookKey.secret.secretArn } : {}),
      ...(definition.publishesEvents ? { EVENT_BUS_NAME: eventBus.bus.eventBusName } : {}),
      ...(definition.materialFiles ? { MATERIALS_BUCKET: materialsBucketName } : {}),
    };
    const fn = new ServiceFunction(this, name, {
      definition,
      environment,
      logRetention: config.logRetentionDays,
      reservedConcurrency: config.functions[name]?.reservedConcurrency,
    });
    grantTableAccess(fn.role, table, definition.table);
    for (const target of targets) target.queue.grant(fn.role, 'sqs:SendMessage');
    if (definition.sendsNotifications) grantNotificationSending(fn, config.notifications.fromEmail);
    if (definition.readsPaymentSecrets) paymentSecret.grantRead(fn);
    if (definition.readsTicketKey) ticketKey.grantRead(fn);
    if (definition.readsWebhookKey) webhookKey.grantRead(fn);
    if (definition.publishesEvents) eventBus.grantPublish(fn.role);
    if (definition.materialFiles) grantMaterialFiles(fn, materialsBucketName, definition.materialFiles);
    return fn;
  }
}
