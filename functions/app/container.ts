import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { withoutSdkLogging } from '../kernel/aws/sdk-logging.js';
import {
  cachedSource,
  fileText,
  parsedSource,
  type SecretSource,
  secretsManagerText,
} from '../kernel/aws/secrets.js';
import type { Deps, IdempotencyStore } from '../kernel/domain/deps.js';
import { createDocumentClient } from '../kernel/dynamo/client.js';
import { dynamoIdempotencyStore } from '../kernel/dynamo/idempotency-store.js';
import { createService } from '../kernel/dynamo/service.js';
import { type Env, readEnv } from '../kernel/env.js';
import { logger } from '../kernel/observability.js';
import { traceClient } from '../kernel/tracing.js';
import { dynamoBookingStore } from '../modules/bookings/adapters/booking-store.js';
import { eventBridgeHoldScheduler } from '../modules/bookings/adapters/eventbridge-hold-scheduler.js';
import { localHoldScheduler } from '../modules/bookings/adapters/local-hold-scheduler.js';
import { localScheduleStore } from '../modules/bookings/adapters/local-schedule-store.js';
import { dynamoWaitlistStore } from '../modules/bookings/adapters/waitlist-store.js';
import type { HoldScheduler } from '../modules/bookings/domain/ports.js';
import { dynamoEventStore } from '../modules/catalog/adapters/event-store.js';
import { dynamoSessionStore } from '../modules/catalog/adapters/session-store.js';
import { dynamoVenueStore } from '../modules/catalog/adapters/venue-store.js';
import { dynamoDeletionStore } from '../modules/deletions/adapters/deletion-store.js';
import { sqsJobQueue } from '../modules/deletions/adapters/sqs-job-queue.js';
import { dynamoNotificationStore } from '../modules/notifications/adapters/notification-store.js';
import { sqsOutboxPublisher } from '../modules/notifications/adapters/sqs-outbox-publisher.js';
import type { NotificationChannels } from '../modules/notifications/domain/ports.js';
import { dynamoInviteStore } from '../modules/organizations/adapters/invite-store.js';
import { dynamoMemberStore } from '../modules/organizations/adapters/member-store.js';
import { dynamoOrganizationStore } from '../modules/organizations/adapters/organization-store.js';
import { dynamoBookingPayments } from '../modules/payments/adapters/booking-payments.js';
import { dynamoPaymentStore } from '../modules/payments/adapters/order-store.js';
import { parsePaymentSecrets } from '../modules/payments/adapters/payment-secrets.js';
import { providerRegistry } from '../modules/payments/adapters/provider-registry.js';
import { dynamoReceiptStore } from '../modules/payments/adapters/receipt-store.js';
import { sqsPaymentInbox } from '../modules/payments/adapters/sqs-payment-inbox.js';
import type { PaymentProviders } from '../modules/payments/domain/ports.js';
import { dynamoAttendeeStore } from '../modules/people/adapters/attendee-store.js';
import { dynamoPartyStore } from '../modules/people/adapters/party-store.js';
import { dynamoAdmissionStore } from '../modules/tickets/adapters/admission-store.js';
import { dynamoAdmissionReads } from '../modules/tickets/adapters/admissions-read.js';
import { dynamoCheckinListStore } from '../modules/tickets/adapters/checkin-list-store.js';
import { dynamoConflictStore } from '../modules/tickets/adapters/conflict-store.js';
import { dynamoCheckinOtpStore } from '../modules/tickets/adapters/otp-store.js';
import { parseTicketSecret, ticketKeys } from '../modules/tickets/adapters/ticket-keys.js';
import { dynamoTicketRecordsPurge } from '../modules/tickets/adapters/tickets-purge.js';
import type { TicketKeys } from '../modules/tickets/domain/ports.js';

/**
 * A port whose adapters this function's bundle leaves out, as its definition grants it nothing
 * they need (the flags of lib/constructs/bundling.ts): a call is a wiring mistake, named here.
 */
const notInThisFunction = (port: string) => (): never => {
  throw new Error(`${port}: not built into this function, whose definition does not grant it`);
};

const noScheduling = notInThisFunction('hold scheduling');

/**
 * EventBridge Scheduler has no local engine: the local runtime stores schedules in the table. Only
 * the functions that schedule holds carry the Scheduler client (see `notInThisFunction`).
 */
const holdSchedulerFor = (env: Env, documentClient: DynamoDBDocumentClient): HoldScheduler =>
  process.env.EVENTLY_SCHEDULES_HOLDS === 'false'
    ? { scheduleExpiry: noScheduling, scheduleReminder: noScheduling, cancelExpiry: noScheduling }
    : env.SCHEDULER_MODE === 'local'
      ? localHoldScheduler(localScheduleStore(documentClient, env.TABLE_NAME))
      : eventBridgeHoldScheduler(
          traceClient(withoutSdkLogging(new SchedulerClient({ region: env.AWS_REGION }))),
          {
            groupName: env.SCHEDULE_GROUP_NAME,
            roleArn: env.SCHEDULER_ROLE_ARN,
            queueArn: env.HOLDS_QUEUE_ARN,
            deadLetterArn: env.SCHEDULE_DLQ_ARN,
          },
        );

/** Read again after five minutes, so a rotated provider secret reaches warm containers. */
const secretTtlMs = 5 * 60_000;

/**
 * A secret: a file under .data/ locally, the tenant's Secrets Manager secret in AWS; read on first
 * use (only the functions granted it ever ask), parsed, and cached.
 */
const secretFrom = <T>(
  env: Env,
  where: { file: string | undefined; secretId: string | undefined; what: string },
  parse: (where: string) => (text: string) => T,
): SecretSource<T> => {
  const { file, secretId, what } = where;
  if (file) return cachedSource(parsedSource(fileText(file), parse(file)), secretTtlMs);
  if (!secretId) return () => Promise.reject(new Error(`no ${what} is configured for this function`));
  const client = traceClient(withoutSdkLogging(new SecretsManagerClient({ region: env.AWS_REGION })));
  return cachedSource(
    parsedSource(secretsManagerText(client, secretId), parse(`secret ${secretId}`)),
    secretTtlMs,
  );
};

/** Only the function that reads the providers' secret carries their SDKs. */
const paymentProvidersFor = (env: Env): PaymentProviders =>
  // The condition stays inline: the bundle's constant must meet it here for the imports to go.
  process.env.EVENTLY_READS_PAYMENT_SECRETS === 'false'
    ? { enabled: notInThisFunction('payment providers'), get: notInThisFunction('payment providers') }
    : providerRegistry(
        env.PAYMENT_PROVIDERS,
        secretFrom(
          env,
          { file: env.PAYMENT_SECRETS_FILE, secretId: env.PAYMENT_SECRET_ID, what: 'payment secret' },
          parsePaymentSecrets,
        ),
        { localUrl: env.PAYMENT_LOCAL_PROVIDER_URL },
      );

/** Only the function that reads the ticket key carries its secret's client. */
const ticketKeysFor = (env: Env): TicketKeys =>
  process.env.EVENTLY_READS_TICKET_KEY === 'false'
    ? { get: notInThisFunction('the ticket key') }
    : ticketKeys(
        secretFrom(
          env,
          { file: env.TICKET_KEY_FILE, secretId: env.TICKET_KEY_SECRET_ID, what: 'ticket key' },
          parseTicketSecret,
        ),
      );

export interface Container {
  deps: Deps;
  idempotency: IdempotencyStore;
  /**
   * The notification channels, set by the one function that sends (functions/app/lambdas/
   * notifications.ts): built there, so that only its bundle carries the SES and SNS clients.
   */
  channels?: NotificationChannels;
}

/** The composition root: the only place that knows which adapter serves which port. */
export const buildContainer = (env: Env): Container => {
  const documentClient = createDocumentClient({ region: env.AWS_REGION, endpoint: env.DYNAMODB_ENDPOINT });
  traceClient(documentClient);
  const sqs = traceClient(
    withoutSdkLogging(
      new SQSClient({ region: env.AWS_REGION, ...(env.SQS_ENDPOINT ? { endpoint: env.SQS_ENDPOINT } : {}) }),
    ),
  );
  const service = createService(documentClient, env.TABLE_NAME);
  const deps: Deps = {
    orgs: dynamoOrganizationStore(service),
    members: dynamoMemberStore(service),
    invites: dynamoInviteStore(service),
    jobs: sqsJobQueue(sqs, env.queueUrls.jobs),
    deletions: dynamoDeletionStore(service),
    sessions: dynamoSessionStore(service),
    holdScheduler: holdSchedulerFor(env, documentClient),
    bookings: dynamoBookingStore(service, documentClient, env.TABLE_NAME, {
      maxShards: env.COUNTER_MAX_SHARDS,
      placesPerShard: env.COUNTER_PLACES_PER_SHARD,
    }),
    notifications: dynamoNotificationStore(service, documentClient, env.TABLE_NAME),
    outbox: sqsOutboxPublisher(sqs, {
      notifications: env.queueUrls.notifications,
      holds: env.queueUrls.holds,
    }),
    waitlist: dynamoWaitlistStore(service),
    venues: dynamoVenueStore(service),
    events: dynamoEventStore(service),
    payments: dynamoPaymentStore(service),
    bookingPayments: dynamoBookingPayments(service),
    paymentProviders: paymentProvidersFor(env),
    receipts: dynamoReceiptStore(service),
    paymentInbox: sqsPaymentInbox(sqs, env.queueUrls.payments),
    paymentPolicy: { fee: { basisPoints: env.PLATFORM_FEE_BPS, fixedMinor: env.PLATFORM_FEE_FIXED_MINOR } },
    attendees: dynamoAttendeeStore(service),
    parties: dynamoPartyStore(service),
    ticketKeys: ticketKeysFor(env),
    admissions: dynamoAdmissionStore(service, documentClient, env.TABLE_NAME),
    admissionReads: dynamoAdmissionReads(service),
    checkinLists: dynamoCheckinListStore(service),
    checkinConflicts: dynamoConflictStore(service),
    checkinOtps: dynamoCheckinOtpStore(service),
    ticketRecords: dynamoTicketRecordsPurge(service),
    clock: { now: () => new Date() },
    policy: { orgCreation: env.ORG_CREATION, operators: env.OPERATOR_SUBS },
    telemetry: { warn: (message, fields) => logger.warn(message, fields) },
  };
  return { deps, idempotency: dynamoIdempotencyStore(service) };
};

let container: Container | undefined;

/** Built on first use, so cold starts of routes that need no table pay nothing for it. */
export const getContainer = (): Container => {
  container ??= buildContainer(readEnv());
  return container;
};

export const resetContainer = (): void => {
  container = undefined;
};
