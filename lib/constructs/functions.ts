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
import type { SignInKeySecret } from './phone-sign-in.js';
import type { WorkQueues } from './queues.js';
import { grantSocialTokens, socialSecretPrefix } from './social-tokens.js';
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
  /** Read by the functions whose definition has `signsInPhones`, and by no other. */
  signInKey: SignInKeySecret;
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
  AGENTS_PROVIDER: config.agents.provider,
  MAX_BODY_BYTES: String(config.api.maxBodyBytes),
  COUNTER_MAX_SHARDS: String(config.counterShards.maxShards),
  NIGHTLY_FORECAST_DAYS: String(config.nightly.forecastDays),
  AUDIT_RETENTION_DAYS: String(config.audit.retentionDays),
  COUNTER_PLACES_PER_SHARD: String(config.counterShards.placesPerShard),
  ...(config.interests ? { INTERESTS: JSON.stringify(config.interests) } : {}),
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

type PushApplications = NonNullable<TenantConfig['notifications']['push']>;

/** The platform application ARNs the tenant configured (none: push is off). */
const pushApplicationsOf = (config: TenantConfig): string[] =>
  Object.values(config.notifications.push ?? {}).filter((arn): arn is string => arn !== undefined);

/** The endpoints of a platform application: `...:app/<PLATFORM>/<name>` -> `...:endpoint/<PLATFORM>/<name>/*`. */
const endpointsOf = (applicationArn: string): string => `${applicationArn.replace(/:app\//, ':endpoint/')}/*`;

/** Where the function that registers devices finds each platform's application (tenant config). */
const pushEnvironment = (push: PushApplications | undefined): Record<string, string> => ({
  ...(push?.apns ? { PUSH_APP_APNS: push.apns } : {}),
  ...(push?.apns_sandbox ? { PUSH_APP_APNS_SANDBOX: push.apns_sandbox } : {}),
  ...(push?.fcm ? { PUSH_APP_FCM: push.fcm } : {}),
});

/** The endpoints' ARNs end in ids SNS makes at registration: only the tenant's applications' endpoints. */
const acknowledgeEndpoints = (fn: ServiceFunction, applications: readonly string[], what: string): void => {
  for (const application of applications)
    Validations.of(fn.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${endpointsOf(application)}]`,
      reason: `The platform endpoints of the tenant's SNS application ${application}, whose ids SNS makes when a device registers: ${what}.`,
    });
};

/**
 * The Deny that bounds the `sns:Publish` grant. A publish to a phone number (SMS) is authorized
 * against the number itself (`+358...`), one to a topic or a platform endpoint against its ARN.
 * IAM takes only ARNs (or `*`) as resources, so a phone number cannot be named, in `NotResource`
 * either (`+*` is a MalformedPolicyDocument). Without push every SNS ARN is refused, which leaves
 * SMS alone. With push every SNS ARN but the tenant's applications' endpoints is refused, for
 * requests that name a resource of an account (`aws:ResourceAccount`): phone numbers belong to
 * none, so SMS stays out of the Deny.
 */
const topicsRefused = (stack: Stack, endpoints: readonly string[]): PolicyStatement =>
  endpoints.length === 0
    ? new PolicyStatement({
        effect: Effect.DENY,
        actions: ['sns:Publish'],
        resources: [stack.formatArn({ service: 'sns', region: '*', account: '*', resource: '*' })],
      })
    : new PolicyStatement({
        effect: Effect.DENY,
        actions: ['sns:Publish'],
        notResources: [...endpoints],
        conditions: { Null: { 'aws:ResourceAccount': 'false' } },
      });

/** sns:Publish to phone numbers (SMS) and to `endpoints` (push), every other SNS ARN refused. */
const grantPublish = (fn: ServiceFunction, endpoints: readonly string[]): void => {
  fn.role.addToPolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }));
  fn.role.addToPolicy(topicsRefused(Stack.of(fn), endpoints));
  Validations.of(fn.role).acknowledge({
    id: 'AwsSolutions-IAM5[Resource::*]',
    reason:
      'Two actions support no resource-level permission here: the X-Ray statement CDK adds for active ' +
      'tracing, and sns:Publish, whose targets (phone numbers, push endpoints) the Deny beside it bounds.',
  });
};

/**
 * SES may send only from the configured sender (the address and its domain, whichever identity is
 * verified); without one no SES grant exists and email delivery fails visibly. SNS publishes go to
 * phone numbers (SMS) and to the platform endpoints of the tenant's push applications (`topicsRefused`).
 */
const grantNotificationSending = (fn: ServiceFunction, config: TenantConfig): void => {
  const stack = Stack.of(fn);
  const { fromEmail } = config.notifications;
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
  const endpoints = pushApplicationsOf(config).map(endpointsOf);
  grantPublish(fn, endpoints);
  if (endpoints.length === 0) return;
  // A device whose endpoint SNS disabled (uninstalled app, expired token) is removed with it.
  fn.role.addToPolicy(new PolicyStatement({ actions: ['sns:DeleteEndpoint'], resources: endpoints }));
  acknowledgeEndpoints(fn, pushApplicationsOf(config), 'deleted when SNS reports them disabled');
};

/**
 * Registering a device creates its endpoint on the tenant's application of its platform (enabled
 * again if it was disabled); removing it deletes the endpoint. Nothing when push is not configured.
 */
const grantPushRegistration = (fn: ServiceFunction, config: TenantConfig): void => {
  const applications = pushApplicationsOf(config);
  if (applications.length === 0) return;
  fn.role.addToPolicy(
    new PolicyStatement({ actions: ['sns:CreatePlatformEndpoint'], resources: applications }),
  );
  fn.role.addToPolicy(
    new PolicyStatement({
      actions: ['sns:DeleteEndpoint', 'sns:SetEndpointAttributes'],
      resources: applications.map(endpointsOf),
    }),
  );
  acknowledgeEndpoints(fn, applications, 'enabled at registration and deleted at removal');
};

const definitionsByName = Object.entries(functionDefinitions) as [FunctionName, FunctionDefinition][];

/**
 * Every function from the function definitions. Each gets exactly what its definition declares:
 * table access at its level (and TABLE_NAME only then), SendMessage on its `sendsTo` queues (and
 * their URLs), SES/SNS sends when it delivers notifications, SNS platform endpoints when it
 * registers push devices, the payment secret (and the payment
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
    const {
      config,
      table,
      queues,
      paymentSecret,
      ticketKey,
      webhookKey,
      signInKey,
      eventBus,
      materialsBucketName,
    } = props;
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
      ...(definition.registersPushDevices ? pushEnvironment(config.notifications.push) : {}),
      ...(definition.readsPaymentSecrets ? paymentEnvironment(config, paymentSecret) : {}),
      // Where to read the ticket key at run time (its ARN), never the key.
      ...(definition.readsTicketKey ? { TICKET_KEY_SECRET_ID: ticketKey.secret.secretArn } : {}),
      // Where to read the webhook key at run time (its ARN), never the key.
      ...(definition.readsWebhookKey ? { WEBHOOK_KEY_SECRET_ID: webhookKey.secret.secretArn } : {}),
      // Where to read the sign-in key at run time (its ARN), never the key.
      ...(definition.signsInPhones ? { SIGN_IN_KEY_SECRET_ID: signInKey.secret.secretArn } : {}),
      ...(definition.publishesEvents ? { EVENT_BUS_NAME: eventBus.bus.eventBusName } : {}),
      ...(definition.materialFiles ? { MATERIALS_BUCKET: materialsBucketName } : {}),
      // Where the social accounts' token secrets are named (a prefix, never a token).
      ...(definition.socialTokens ? { SOCIAL_SECRET_PREFIX: socialSecretPrefix(config.tenantId) } : {}),
    };
    const fn = new ServiceFunction(this, name, {
      definition,
      environment,
      logRetention: config.logRetentionDays,
      reservedConcurrency: config.functions[name]?.reservedConcurrency,
    });
    grantTableAccess(fn.role, table, definition.table);
    for (const target of targets) target.queue.grant(fn.role, 'sqs:SendMessage');
    if (definition.sendsNotifications) grantNotificationSending(fn, config);
    if (definition.registersPushDevices) grantPushRegistration(fn, config);
    if (definition.readsPaymentSecrets) paymentSecret.grantRead(fn);
    if (definition.readsTicketKey) ticketKey.grantRead(fn);
    if (definition.readsWebhookKey) webhookKey.grantRead(fn);
    if (definition.signsInPhones) {
      signInKey.grantRead(fn);
      // Codes go by SMS (the triggers in AWS); no push endpoint is reachable.
      grantPublish(fn, []);
    }
    if (definition.publishesEvents) eventBus.grantPublish(fn.role);
    if (definition.materialFiles) grantMaterialFiles(fn, materialsBucketName, definition.materialFiles);
    if (definition.socialTokens) grantSocialTokens(fn, config.tenantId);
    return fn;
  }
}
