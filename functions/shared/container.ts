import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoAttendeeStore } from '../adapters/dynamo/attendee-store.js';
import { dynamoBookingStore } from '../adapters/dynamo/booking-store.js';
import { createDocumentClient } from '../adapters/dynamo/client.js';
import { dynamoDeletionStore } from '../adapters/dynamo/deletion-store.js';
import { dynamoEventStore } from '../adapters/dynamo/event-store.js';
import { dynamoIdempotencyStore } from '../adapters/dynamo/idempotency-store.js';
import { dynamoInviteStore } from '../adapters/dynamo/invite-store.js';
import { dynamoMemberStore } from '../adapters/dynamo/member-store.js';
import { dynamoNotificationStore } from '../adapters/dynamo/notification-store.js';
import { dynamoOrganizationStore } from '../adapters/dynamo/organization-store.js';
import { dynamoPartyStore } from '../adapters/dynamo/party-store.js';
import { createService } from '../adapters/dynamo/service.js';
import { dynamoSessionStore } from '../adapters/dynamo/session-store.js';
import { dynamoVenueStore } from '../adapters/dynamo/venue-store.js';
import { dynamoWaitlistStore } from '../adapters/dynamo/waitlist-store.js';
import { sqsJobQueue } from '../adapters/queue/sqs-job-queue.js';
import { sqsOutboxPublisher } from '../adapters/queue/sqs-outbox-publisher.js';
import { eventBridgeHoldScheduler } from '../adapters/scheduler/eventbridge-hold-scheduler.js';
import { localHoldScheduler } from '../adapters/scheduler/local-hold-scheduler.js';
import { localScheduleStore } from '../adapters/scheduler/local-schedule-store.js';
import { withoutSdkLogging } from '../adapters/sdk-logging.js';
import type { HoldScheduler } from '../core/booking-ports.js';
import type { NotificationChannels } from '../core/notification-ports.js';
import type { Deps, IdempotencyStore } from '../core/ports.js';
import { type Env, readEnv } from './env.js';
import { tracer } from './observability.js';
import { withOutboxFastPath } from './outbox-fast-path.js';
import { withWaitlistFastPath } from './waitlist-fast-path.js';

/** EventBridge Scheduler has no local engine: the local runtime stores schedules in the table. */
const holdSchedulerFor = (env: Env, documentClient: DynamoDBDocumentClient): HoldScheduler =>
  env.SCHEDULER_MODE === 'local'
    ? localHoldScheduler(localScheduleStore(documentClient, env.TABLE_NAME))
    : eventBridgeHoldScheduler(tracer.captureAWSv3Client(new SchedulerClient({ region: env.AWS_REGION })), {
        groupName: env.SCHEDULE_GROUP_NAME,
        roleArn: env.SCHEDULER_ROLE_ARN,
        queueArn: env.HOLDS_QUEUE_ARN,
      });

export interface Container {
  deps: Deps;
  idempotency: IdempotencyStore;
  /**
   * The notification channels, set by the one function that sends (functions/handlers/queues/
   * notifications.ts): built there, so that only its bundle carries the SES and SNS clients.
   */
  channels?: NotificationChannels;
}

/** The composition root: the only place that knows which adapter serves which port. */
export const buildContainer = (env: Env): Container => {
  const documentClient = createDocumentClient({ region: env.AWS_REGION, endpoint: env.DYNAMODB_ENDPOINT });
  tracer.captureAWSv3Client(documentClient);
  const sqs = tracer.captureAWSv3Client(
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
    // The outbox relay's fast path runs after every committed booking change (the sweep backs it).
    bookings: withOutboxFastPath(dynamoBookingStore(service, documentClient, env.TABLE_NAME), () => deps),
    notifications: dynamoNotificationStore(service, documentClient, env.TABLE_NAME),
    outbox: sqsOutboxPublisher(sqs, {
      notifications: env.queueUrls.notifications,
      holds: env.queueUrls.holds,
    }),
    waitlist: withWaitlistFastPath(dynamoWaitlistStore(service), () => deps),
    venues: dynamoVenueStore(service),
    events: dynamoEventStore(service),
    attendees: dynamoAttendeeStore(service),
    parties: dynamoPartyStore(service),
    clock: { now: () => new Date() },
    policy: { orgCreation: env.ORG_CREATION, operators: env.OPERATOR_SUBS },
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
