import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { S3Client } from '@aws-sdk/client-s3';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import {
  eventBridgeOneOffSchedules,
  localOneOffSchedules,
  type OneOffSchedules,
} from '../kernel/aws/one-off-schedules.js';
import { withoutSdkLogging } from '../kernel/aws/sdk-logging.js';
import { DomainError } from '../kernel/domain/errors.js';
import type { FileBucket } from '../kernel/domain/files.js';
import * as entity from '../kernel/dynamo/entities.js';
import { traceClient } from '../kernel/tracing.js';
import { dynamoAgentStore } from '../modules/agents/adapters/agent-store.js';
import { externalDrafter } from '../modules/agents/adapters/external-drafter.js';
import { templateDrafter } from '../modules/agents/adapters/template-drafter.js';
import { dynamoAnalyticsStore } from '../modules/analytics/adapters/analytics-store.js';
import { announcementScheduler as announcementSchedulerOver } from '../modules/announcements/adapters/announcement-scheduler.js';
import { dynamoAnnouncementStore } from '../modules/announcements/adapters/announcement-store.js';
import { powertoolsAuditAlarm } from '../modules/audit/adapters/audit-alarm.js';
import { dynamoAuditChainStore } from '../modules/audit/adapters/audit-chain-store.js';
import { dynamoAuditSummaryStore } from '../modules/audit/adapters/audit-summary-store.js';
import { dynamoAuditTrailReads } from '../modules/audit/adapters/audit-trail-reads.js';
import { dynamoAutomationStore } from '../modules/automations/adapters/automation-store.js';
import { automationMessageOf } from '../modules/automations/contracts/messages.js';
import { dynamoAuditRecords } from '../modules/bookings/adapters/audit-reads.js';
import { dynamoBookingStore } from '../modules/bookings/adapters/booking-store.js';
import { eventBridgeHoldScheduler } from '../modules/bookings/adapters/eventbridge-hold-scheduler.js';
import { localHoldScheduler } from '../modules/bookings/adapters/local-hold-scheduler.js';
import { localScheduleStore } from '../modules/bookings/adapters/local-schedule-store.js';
import { dynamoWaitlistStore } from '../modules/bookings/adapters/waitlist-store.js';
import { dynamoBudgetStore } from '../modules/budgets/adapters/budget-store.js';
import { dynamoCounterRepairs } from '../modules/catalog/adapters/counter-repairs.js';
import { dynamoEventStore } from '../modules/catalog/adapters/event-store.js';
import { dynamoSessionStore } from '../modules/catalog/adapters/session-store.js';
import { dynamoVenueStore } from '../modules/catalog/adapters/venue-store.js';
import { dynamoAgendaStore } from '../modules/conference/adapters/agenda-store.js';
import { agendaScheduleGuard } from '../modules/conference/adapters/schedule-guard.js';
import { dynamoSpeakerStore } from '../modules/conference/adapters/speaker-store.js';
import { dynamoSponsorStore } from '../modules/conference/adapters/sponsor-store.js';
import { dynamoDeletionStore } from '../modules/deletions/adapters/deletion-store.js';
import { sqsJobQueue } from '../modules/deletions/adapters/sqs-job-queue.js';
import { dynamoDiscoveryIndex } from '../modules/discovery/adapters/discovery-index.js';
import { configuredInterests } from '../modules/discovery/adapters/interest-catalog.js';
import { dynamoUserInterestStore } from '../modules/discovery/adapters/user-interest-store.js';
import { dynamoExpenseStore } from '../modules/expenses/adapters/expense-store.js';
import { dynamoFeedbackStore } from '../modules/feedback/adapters/feedback-store.js';
import { dynamoForecastStore } from '../modules/forecasts/adapters/forecast-store.js';
import { cognitoPhoneSignIn } from '../modules/identity/adapters/cognito-phone-sign-in.js';
import { localPhoneSignIn } from '../modules/identity/adapters/local-phone-sign-in.js';
import { dynamoSignInLimits } from '../modules/identity/adapters/sign-in-limits.js';
import { dynamoEventInviteStore } from '../modules/invitations/adapters/event-invite-store.js';
import { dynamoEventPassStore } from '../modules/invitations/adapters/event-pass-store.js';
import { dynamoJoinRequestStore } from '../modules/invitations/adapters/join-request-store.js';
import { dynamoMarketingStore } from '../modules/marketing/adapters/marketing-store.js';
import {
  localPostPublisher,
  unconfiguredPostPublisher,
} from '../modules/marketing/adapters/post-publishers.js';
import { postScheduler as postSchedulerOver } from '../modules/marketing/adapters/post-scheduler.js';
import { dynamoSocialAccountStore } from '../modules/marketing/adapters/social-account-store.js';
import { fileSocialTokens, secretsManagerSocialTokens } from '../modules/marketing/adapters/social-tokens.js';
import { dynamoMaterialStore } from '../modules/materials/adapters/material-store.js';
import { s3MaterialFiles } from '../modules/materials/adapters/s3-material-files.js';
import { dynamoConnectionStore } from '../modules/networking/adapters/connection-store.js';
import { dynamoNightlyRunStore } from '../modules/nightly/adapters/nightly-run-store.js';
import { sqsNightlyQueue } from '../modules/nightly/adapters/sqs-nightly-queue.js';
import { dynamoDeviceStore } from '../modules/notifications/adapters/device-store.js';
import { eventBridgeBus } from '../modules/notifications/adapters/eventbridge-bus.js';
import { localDeliveryOf, localPushEndpoints } from '../modules/notifications/adapters/local-delivery-log.js';
import { localEventBus, localEventLog } from '../modules/notifications/adapters/local-event-bus.js';
import { dynamoNotificationStore } from '../modules/notifications/adapters/notification-store.js';
import { snsPushEndpoints } from '../modules/notifications/adapters/sns-push-endpoints.js';
import { sqsOutboxPublisher } from '../modules/notifications/adapters/sqs-outbox-publisher.js';
import { dynamoInviteStore } from '../modules/organizations/adapters/invite-store.js';
import { dynamoMemberStore } from '../modules/organizations/adapters/member-store.js';
import { dynamoOrganizationStore } from '../modules/organizations/adapters/organization-store.js';
import { dynamoBookingPayments } from '../modules/payments/adapters/booking-payments.js';
import { dynamoPaymentStore } from '../modules/payments/adapters/order-store.js';
import { parsePaymentSecrets } from '../modules/payments/adapters/payment-secrets.js';
import { providerRegistry } from '../modules/payments/adapters/provider-registry.js';
import { dynamoReceiptStore } from '../modules/payments/adapters/receipt-store.js';
import { sqsPaymentInbox } from '../modules/payments/adapters/sqs-payment-inbox.js';
import { dynamoAttendeeStore } from '../modules/people/adapters/attendee-store.js';
import { dynamoPartyStore } from '../modules/people/adapters/party-store.js';
import { dynamoCategoryStore } from '../modules/pricing/adapters/category-store.js';
import { dynamoPromoCodeStore } from '../modules/pricing/adapters/promo-code-store.js';
import { dynamoPromoRedemptions } from '../modules/pricing/adapters/promo-redemptions.js';
import { dynamoProfileStore } from '../modules/profiles/adapters/profile-store.js';
import { dynamoSponsorshipStore } from '../modules/sponsorships/adapters/sponsorship-store.js';
import { dynamoTaskStore } from '../modules/tasks/adapters/task-store.js';
import { dynamoTaskTemplateStore } from '../modules/tasks/adapters/task-template-store.js';
import { taskGeneration as generationOver } from '../modules/tasks/domain/generation.js';
import { dynamoTeamStore } from '../modules/teams/adapters/team-store.js';
import { dynamoAdmissionStore } from '../modules/tickets/adapters/admission-store.js';
import { dynamoAdmissionReads } from '../modules/tickets/adapters/admissions-read.js';
import { dynamoCheckinListStore } from '../modules/tickets/adapters/checkin-list-store.js';
import { dynamoConflictStore } from '../modules/tickets/adapters/conflict-store.js';
import { dynamoCheckinOtpStore } from '../modules/tickets/adapters/otp-store.js';
import { parseTicketSecret, ticketKeys as ticketKeysFrom } from '../modules/tickets/adapters/ticket-keys.js';
import { dynamoTicketRecordsPurge } from '../modules/tickets/adapters/tickets-purge.js';
import { dynamoVendorContractStore } from '../modules/vendors/adapters/contract-store.js';
import { dynamoVendorStore } from '../modules/vendors/adapters/vendor-store.js';
import { httpWebhookSender } from '../modules/webhooks/adapters/http-sender.js';
import { sqsWebhookQueue } from '../modules/webhooks/adapters/sqs-webhook-queue.js';
import {
  parseWebhookSecret,
  webhookKeys as webhookKeysFrom,
} from '../modules/webhooks/adapters/webhook-keys.js';
import { dynamoWebhookStore } from '../modules/webhooks/adapters/webhook-store.js';
import { defaultWebhookPolicy } from '../modules/webhooks/domain/model.js';
import { signInSettingsFrom, signInSmsFrom, signsInPhones } from './sign-in-wiring.js';
import { notInThisFunction, type PortWiring, secretFrom, sqsOf, type Wires } from './wires.js';

/**
 * Which adapter serves which port, one export per port of `Deps`, named as the port (the only
 * place that knows). A function's container builds the ports of its table (function-ports.ts) and
 * its service holds their `entities`: export by export, so that a bundle keeps only the adapters
 * and entities of its own ports. Nothing else is exported here: `import * as port` is every port.
 */

export const orgs: PortWiring<'orgs'> = {
  entities: { organization: entity.organization, member: entity.member },
  build: ({ service }) => dynamoOrganizationStore(service),
};

export const members: PortWiring<'members'> = {
  entities: { organization: entity.organization, member: entity.member },
  build: ({ service }) => dynamoMemberStore(service),
};

export const invites: PortWiring<'invites'> = {
  entities: { organization: entity.organization, member: entity.member, invite: entity.invite },
  build: ({ service }) => dynamoInviteStore(service),
};

export const jobs: PortWiring<'jobs'> = {
  entities: {},
  build: (wires) => sqsJobQueue(sqsOf(wires), wires.env.queueUrls.jobs),
};

export const deletions: PortWiring<'deletions'> = {
  entities: { deletion: entity.deletion },
  build: ({ service }) => dynamoDeletionStore(service),
};

export const venues: PortWiring<'venues'> = {
  // A change dropping rooms checks their schedules' versions.
  entities: { venue: entity.venue, roomVersion: entity.roomVersion },
  build: ({ service }) => dynamoVenueStore(service),
};

export const events: PortWiring<'events'> = {
  entities: {
    venue: entity.venue,
    event: entity.event,
    eventListing: entity.eventListing,
    session: entity.session,
    sessionCounter: entity.sessionCounter,
    sessionCounterShard: entity.sessionCounterShard,
    sessionClaim: entity.sessionClaim,
    // Its writes keep the discovery index in step with each event (docs/discovery.md).
    discoveryItem: entity.discoveryItem,
  },
  build: ({ service }) => dynamoEventStore(service),
};

export const categories: PortWiring<'categories'> = {
  entities: {
    ticketCategory: entity.ticketCategory,
    categoryCounter: entity.categoryCounter,
    // A change of the categories moves their set's version, and a new one checks its event.
    categorySet: entity.categorySet,
    event: entity.event,
  },
  build: ({ service }) => dynamoCategoryStore(service),
};

// Written out, not spread from one object: a bundle drops a wiring it does not use only then.
export const promoCodes: PortWiring<'promoCodes'> = {
  entities: {
    event: entity.event,
    promoCode: entity.promoCode,
    promoUse: entity.promoUse,
    promoRedemption: entity.promoRedemption,
  },
  build: ({ service }) => dynamoPromoCodeStore(service),
};

/** The uses of promo codes live in their code's partition (entities/promo-use.ts). */
export const promoRedemptions: PortWiring<'promoRedemptions'> = {
  entities: {
    promoCode: entity.promoCode,
    promoUse: entity.promoUse,
    promoRedemption: entity.promoRedemption,
  },
  build: ({ service }) => dynamoPromoRedemptions(service),
};

export const attendees: PortWiring<'attendees'> = {
  entities: { attendee: entity.attendee, attendeeUnique: entity.attendeeUnique, party: entity.party },
  build: ({ service }) => dynamoAttendeeStore(service),
};

export const parties: PortWiring<'parties'> = {
  entities: { attendee: entity.attendee, party: entity.party },
  build: ({ service }) => dynamoPartyStore(service),
};

export const sessions: PortWiring<'sessions'> = {
  entities: {
    venue: entity.venue,
    event: entity.event,
    session: entity.session,
    sessionCounter: entity.sessionCounter,
    sessionCounterShard: entity.sessionCounterShard,
    sessionClaim: entity.sessionClaim,
    roomSlot: entity.roomSlot,
    roomVersion: entity.roomVersion,
    bookingSeat: entity.bookingSeat,
    outbox: entity.outbox,
  },
  build: ({ service }) => dynamoSessionStore(service),
};

export const counterRepairs: PortWiring<'counterRepairs'> = {
  entities: {
    session: entity.session,
    sessionClaim: entity.sessionClaim,
    sessionCounter: entity.sessionCounter,
    sessionCounterShard: entity.sessionCounterShard,
  },
  build: ({ service }) => dynamoCounterRepairs(service),
};

const noScheduling = notInThisFunction('hold scheduling');

/**
 * EventBridge Scheduler has no local engine: the local runtime stores schedules in the table. Only
 * the functions that schedule holds carry the Scheduler client (see `notInThisFunction`).
 */
export const holdScheduler: PortWiring<'holdScheduler'> = {
  entities: {},
  build: ({ env, documentClient }) =>
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
          ),
};

export const bookings: PortWiring<'bookings'> = {
  entities: {
    organization: entity.organization,
    member: entity.member,
    attendee: entity.attendee,
    attendeeUnique: entity.attendeeUnique,
    party: entity.party,
    event: entity.event,
    session: entity.session,
    sessionCounter: entity.sessionCounter,
    sessionCounterShard: entity.sessionCounterShard,
    sessionClaim: entity.sessionClaim,
    booking: entity.booking,
    bookingSeat: entity.bookingSeat,
    auditRecord: entity.auditRecord,
    holderCount: entity.holderCount,
    outbox: entity.outbox,
    waitlistEntry: entity.waitlistEntry,
    waitlistSlot: entity.waitlistSlot,
    waitlistHolder: entity.waitlistHolder,
    // A booking's context reads the event's ticket categories; its steps move their counters and
    // give back its promo code's use.
    ticketCategory: entity.ticketCategory,
    categoryCounter: entity.categoryCounter,
    promoCode: entity.promoCode,
    promoUse: entity.promoUse,
    promoRedemption: entity.promoRedemption,
    // A reservation's booking moves its join request; the context reads the holder's pass.
    eventPass: entity.eventPass,
    joinRequest: entity.joinRequest,
    joinRequestHolder: entity.joinRequestHolder,
  },
  build: ({ env, service, documentClient }) =>
    dynamoBookingStore(service, documentClient, env.TABLE_NAME, {
      maxShards: env.COUNTER_MAX_SHARDS,
      placesPerShard: env.COUNTER_PLACES_PER_SHARD,
    }),
};

/** What a payment's change writes with it: the booking's step (transitionItems) and the money. */
const moneyEntities = {
  // A late payment takes places back only while the session and its event take bookings.
  event: entity.event,
  session: entity.session,
  sessionCounter: entity.sessionCounter,
  booking: entity.booking,
  bookingSeat: entity.bookingSeat,
  auditRecord: entity.auditRecord,
  holderCount: entity.holderCount,
  outbox: entity.outbox,
  waitlistEntry: entity.waitlistEntry,
  waitlistSlot: entity.waitlistSlot,
  waitlistHolder: entity.waitlistHolder,
  joinRequest: entity.joinRequest,
  joinRequestHolder: entity.joinRequestHolder,
  paymentOrder: entity.paymentOrder,
  paymentTransaction: entity.paymentTransaction,
  refundRequest: entity.refundRequest,
  webhookReceipt: entity.webhookReceipt,
};

/** Bookings' port to payments: a payment order, read and marked, as part of a booking's change. */
export const bookingPayments: PortWiring<'bookingPayments'> = {
  entities: moneyEntities,
  build: ({ service }) => dynamoBookingPayments(service),
};

export const notifications: PortWiring<'notifications'> = {
  entities: {
    attendee: entity.attendee,
    party: entity.party,
    session: entity.session,
    outbox: entity.outbox,
    notificationPreference: entity.notificationPreference,
    // Announcements reach members by their user id: their email is the member record's.
    member: entity.member,
  },
  build: ({ env, service, documentClient }) =>
    dynamoNotificationStore(service, documentClient, env.TABLE_NAME),
};

export const devices: PortWiring<'devices'> = {
  entities: { pushDevice: entity.pushDevice },
  build: ({ service }) => dynamoDeviceStore(service),
};

/**
 * SNS mobile push on the tenant's platform applications (set only where push devices are
 * registered: the ARNs are not needed to publish to or delete an endpoint); locally the delivery
 * log. The SNS client is made on first use: a tenant without push never makes one.
 */
export const pushEndpoints: PortWiring<'pushEndpoints'> = {
  entities: {},
  build: ({ env }) => {
    if (env.NOTIFY_MODE === 'local') return localPushEndpoints(...localDeliveryOf(env));
    let client: SNSClient | undefined;
    const sns = () => {
      client ??= traceClient(withoutSdkLogging(new SNSClient({ region: env.AWS_REGION })));
      return client;
    };
    return snsPushEndpoints(sns, {
      ...(env.PUSH_APP_APNS ? { apns: env.PUSH_APP_APNS } : {}),
      ...(env.PUSH_APP_APNS_SANDBOX ? { apns_sandbox: env.PUSH_APP_APNS_SANDBOX } : {}),
      ...(env.PUSH_APP_FCM ? { fcm: env.PUSH_APP_FCM } : {}),
    });
  },
};

export const outbox: PortWiring<'outbox'> = {
  entities: {},
  build: (wires) =>
    sqsOutboxPublisher(sqsOf(wires), {
      notifications: wires.env.queueUrls.notifications,
      holds: wires.env.queueUrls.holds,
    }),
};

/**
 * The tenant's EventBridge bus; locally (no emulator runs offline) the local bus, which logs each
 * event in the table and hands it to the `webhooks` and `automations` queues as the deployed rule does.
 */
export const eventBus: PortWiring<'eventBus'> = {
  entities: {},
  build: (wires) => {
    const { env } = wires;
    if (env.EVENT_BUS_MODE === 'local') {
      const send = async (url: string | undefined, body: string) => {
        if (url) await sqsOf(wires).send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }));
      };
      const forward = async (body: string) => {
        await send(env.queueUrls.webhooks, body);
        await send(env.queueUrls.automations, automationMessageOf(body));
      };
      return localEventBus(localEventLog(wires.documentClient, env.TABLE_NAME), forward, () => new Date());
    }
    return eventBridgeBus(
      traceClient(withoutSdkLogging(new EventBridgeClient({ region: env.AWS_REGION }))),
      env.EVENT_BUS_NAME,
    );
  },
};

export const waitlist: PortWiring<'waitlist'> = {
  entities: {
    session: entity.session,
    sessionCounter: entity.sessionCounter,
    sessionCounterShard: entity.sessionCounterShard,
    booking: entity.booking,
    bookingSeat: entity.bookingSeat,
    auditRecord: entity.auditRecord,
    holderCount: entity.holderCount,
    outbox: entity.outbox,
    waitlistEntry: entity.waitlistEntry,
    waitlistSlot: entity.waitlistSlot,
    waitlistMeta: entity.waitlistMeta,
    waitlistHolder: entity.waitlistHolder,
  },
  build: ({ service }) => dynamoWaitlistStore(service),
};

export const eventInvites: PortWiring<'eventInvites'> = {
  entities: { eventInvite: entity.eventInvite, eventPass: entity.eventPass },
  build: ({ service }) => dynamoEventInviteStore(service),
};

export const eventPasses: PortWiring<'eventPasses'> = {
  entities: { eventPass: entity.eventPass },
  build: ({ service }) => dynamoEventPassStore(service),
};

export const joinRequests: PortWiring<'joinRequests'> = {
  entities: {
    joinRequest: entity.joinRequest,
    joinRequestHolder: entity.joinRequestHolder,
    outbox: entity.outbox,
  },
  build: ({ service }) => dynamoJoinRequestStore(service),
};

export const connections: PortWiring<'connections'> = {
  entities: { connection: entity.connection, connectionSide: entity.connectionSide },
  build: ({ service }) => dynamoConnectionStore(service),
};

export const payments: PortWiring<'payments'> = {
  entities: moneyEntities,
  build: ({ service }) => dynamoPaymentStore(service),
};

/** Only the function that reads the providers' secret carries their SDKs (see `notInThisFunction`). */
export const paymentProviders: PortWiring<'paymentProviders'> = {
  entities: {},
  build: ({ env }) =>
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
        ),
};

export const receipts: PortWiring<'receipts'> = {
  entities: { webhookReceipt: entity.webhookReceipt },
  build: ({ service }) => dynamoReceiptStore(service),
};

export const paymentInbox: PortWiring<'paymentInbox'> = {
  entities: {},
  build: (wires) => sqsPaymentInbox(sqsOf(wires), wires.env.queueUrls.payments),
};

export const paymentPolicy: PortWiring<'paymentPolicy'> = {
  entities: {},
  build: ({ env }) => ({
    fee: { basisPoints: env.PLATFORM_FEE_BPS, fixedMinor: env.PLATFORM_FEE_FIXED_MINOR },
  }),
};

/** Only the function that reads the ticket key carries its secret's client. */
export const ticketKeys: PortWiring<'ticketKeys'> = {
  entities: {},
  build: ({ env }) =>
    process.env.EVENTLY_READS_TICKET_KEY === 'false'
      ? { get: notInThisFunction('the ticket key') }
      : ticketKeysFrom(
          secretFrom(
            env,
            { file: env.TICKET_KEY_FILE, secretId: env.TICKET_KEY_SECRET_ID, what: 'ticket key' },
            parseTicketSecret,
          ),
        ),
};

export const admissions: PortWiring<'admissions'> = {
  entities: {
    organization: entity.organization,
    member: entity.member,
    attendee: entity.attendee,
    event: entity.event,
    teamPlace: entity.teamPlace,
    session: entity.session,
    booking: entity.booking,
    admission: entity.admission,
    checkinScan: entity.checkinScan,
  },
  build: ({ env, service, documentClient }) => dynamoAdmissionStore(service, documentClient, env.TABLE_NAME),
};

export const admissionReads: PortWiring<'admissionReads'> = {
  entities: { admission: entity.admission, checkinScan: entity.checkinScan },
  build: ({ service }) => dynamoAdmissionReads(service),
};

export const checkinLists: PortWiring<'checkinLists'> = {
  entities: { checkinList: entity.checkinList },
  build: ({ service }) => dynamoCheckinListStore(service),
};

export const checkinConflicts: PortWiring<'checkinConflicts'> = {
  entities: { booking: entity.booking, admission: entity.admission, checkinConflict: entity.checkinConflict },
  build: ({ service }) => dynamoConflictStore(service),
};

export const checkinOtps: PortWiring<'checkinOtps'> = {
  entities: { outbox: entity.outbox, checkinOtp: entity.checkinOtp },
  build: ({ service }) => dynamoCheckinOtpStore(service),
};

export const ticketRecords: PortWiring<'ticketRecords'> = {
  entities: {
    admission: entity.admission,
    checkinScan: entity.checkinScan,
    checkinList: entity.checkinList,
    checkinConflict: entity.checkinConflict,
    checkinOtp: entity.checkinOtp,
  },
  build: ({ service }) => dynamoTicketRecordsPurge(service),
};

export const auditRecords: PortWiring<'auditRecords'> = {
  entities: { auditRecord: entity.auditRecord },
  build: ({ service }) => dynamoAuditRecords(service),
};

export const auditChains: PortWiring<'auditChains'> = {
  entities: { auditRecord: entity.auditRecord, auditChain: entity.auditChain },
  build: ({ service }) => dynamoAuditChainStore(service),
};

export const auditAlarm: PortWiring<'auditAlarm'> = {
  entities: {},
  build: () => powertoolsAuditAlarm(),
};

export const auditTrail: PortWiring<'auditTrail'> = {
  entities: { auditRecord: entity.auditRecord },
  build: ({ service }) => dynamoAuditTrailReads(service),
};

export const auditSummaries: PortWiring<'auditSummaries'> = {
  entities: { auditSummary: entity.auditSummary },
  build: ({ service }) => dynamoAuditSummaryStore(service),
};

export const forecasts: PortWiring<'forecasts'> = {
  entities: {
    sessionForecast: entity.sessionForecast,
    sessionOutcome: entity.sessionOutcome,
    forecastModel: entity.forecastModel,
  },
  build: ({ service }) => dynamoForecastStore(service),
};

export const nightlyRuns: PortWiring<'nightlyRuns'> = {
  entities: { nightlyRun: entity.nightlyRun, nightlyChunk: entity.nightlyChunk },
  build: ({ service }) => dynamoNightlyRunStore(service),
};

export const nightlyQueue: PortWiring<'nightlyQueue'> = {
  entities: {},
  build: (wires) => sqsNightlyQueue(sqsOf(wires), wires.env.queueUrls.nightly),
};

export const nightlySettings: PortWiring<'nightlySettings'> = {
  entities: {},
  build: ({ env }) => ({ forecastDays: env.NIGHTLY_FORECAST_DAYS }),
};

export const clock: PortWiring<'clock'> = {
  entities: {},
  build: () => ({ now: () => new Date() }),
};

export const interests: PortWiring<'interests'> = {
  entities: {},
  build: ({ env }) => configuredInterests(env.INTERESTS),
};

export const userInterests: PortWiring<'userInterests'> = {
  entities: { userInterests: entity.userInterests },
  build: ({ service }) => dynamoUserInterestStore(service),
};

export const discovery: PortWiring<'discovery'> = {
  entities: { discoveryItem: entity.discoveryItem },
  build: ({ service }) => dynamoDiscoveryIndex(service),
};

export const policy: PortWiring<'policy'> = {
  entities: {},
  build: ({ env }) => ({ orgCreation: env.ORG_CREATION, operators: env.OPERATOR_SUBS }),
};

const phoneSignInOff = async (): Promise<never> => {
  throw new DomainError(
    'SIGN_IN_NOT_OFFERED',
    'this deployment signs users in with its own identity provider',
  );
};

// Identity (phone sign-in): only the functions granted it (`signsInPhones`) carry its adapters.

export const signInSettings: PortWiring<'signInSettings'> = {
  entities: {},
  build: ({ env }) => signInSettingsFrom(env),
};

export const signInSms: PortWiring<'signInSms'> = {
  entities: {},
  build: ({ env }) => signInSmsFrom(env),
};

export const signInLimits: PortWiring<'signInLimits'> = {
  entities: { signInWindow: entity.signInWindow },
  build: ({ service }) => dynamoSignInLimits(service),
};

export const phoneSignIn: PortWiring<'phoneSignIn'> = {
  entities: { signInChallenge: entity.signInChallenge, signInRefreshToken: entity.signInRefreshToken },
  build: (wires) => {
    const { env, service } = wires;
    if (!signsInPhones()) {
      const absent = notInThisFunction('phone sign-in');
      return { start: absent, verify: absent, refresh: absent, signOut: absent };
    }
    if (env.SIGN_IN_MODE === 'local') {
      const { LOCAL_ISSUER_KEY_FILE: keyFile, LOCAL_ISSUER: issuer, LOCAL_AUDIENCE: audience } = env;
      if (!keyFile || !issuer || !audience)
        throw new Error('the local issuer is not configured (LOCAL_ISSUER_*)');
      const deps = {
        signInSettings: signInSettings.build(wires),
        signInSms: signInSms.build(wires),
        clock: clock.build(wires),
      };
      return localPhoneSignIn(service, deps, { keyFile, issuer, audience });
    }
    const { COGNITO_USER_POOL_ID: userPoolId, COGNITO_CLIENT_ID: clientId } = env;
    // A tenant with its own OIDC provider has no user pool: phone sign-in is not offered there.
    if (!userPoolId || !clientId)
      return {
        start: phoneSignInOff,
        verify: phoneSignInOff,
        refresh: phoneSignInOff,
        signOut: phoneSignInOff,
      };
    const cognito = withoutSdkLogging(new CognitoIdentityProviderClient({ region: env.AWS_REGION }));
    return cognitoPhoneSignIn(cognito, { userPoolId, clientId });
  },
};

export const webhooks: PortWiring<'webhooks'> = {
  entities: { webhookSubscription: entity.webhookSubscription, webhookDelivery: entity.webhookDelivery },
  build: ({ service }) => dynamoWebhookStore(service),
};

/** Only the function that reads the webhook key carries its secret's client. */
export const webhookKeys: PortWiring<'webhookKeys'> = {
  entities: {},
  build: ({ env }) =>
    process.env.EVENTLY_READS_WEBHOOK_KEY === 'false'
      ? { secretOf: notInThisFunction('the webhook key') }
      : webhookKeysFrom(
          secretFrom(
            env,
            { file: env.WEBHOOK_KEY_FILE, secretId: env.WEBHOOK_KEY_SECRET_ID, what: 'webhook key' },
            parseWebhookSecret,
          ),
        ),
};

export const webhookSender: PortWiring<'webhookSender'> = {
  entities: {},
  build: () => httpWebhookSender(),
};

export const webhookQueue: PortWiring<'webhookQueue'> = {
  entities: {},
  build: (wires) => sqsWebhookQueue(sqsOf(wires), wires.env.queueUrls.lanes),
};

export const webhookPolicy: PortWiring<'webhookPolicy'> = {
  entities: {},
  build: ({ env }) => ({
    ...defaultWebhookPolicy,
    attemptTimeoutMs: env.WEBHOOK_ATTEMPT_TIMEOUT_MS,
    backoffBaseMs: env.WEBHOOK_BACKOFF_BASE_MS,
    maxBackoffMs: env.WEBHOOK_MAX_BACKOFF_MS,
    retryWindowMs: env.WEBHOOK_RETRY_WINDOW_MS,
    pauseAfterFailedDeliveries: env.WEBHOOK_PAUSE_AFTER_FAILED,
    pauseAfterFailingMs: env.WEBHOOK_PAUSE_AFTER_FAILING_MS,
    allowLocalHttp: env.WEBHOOK_ALLOW_LOCAL_HTTP === 'true',
  }),
};

export const speakers: PortWiring<'speakers'> = {
  entities: { speaker: entity.speaker },
  build: ({ service }) => dynamoSpeakerStore(service),
};

export const sponsors: PortWiring<'sponsors'> = {
  entities: { sponsor: entity.sponsor },
  build: ({ service }) => dynamoSponsorStore(service),
};

/** Agenda entries guard their speakers' versions, and an event's purge empties the partition. */
export const agenda: PortWiring<'agenda'> = {
  entities: { agendaEntry: entity.agendaEntry, speaker: entity.speaker, sponsor: entity.sponsor },
  build: ({ service }) => dynamoAgendaStore(service),
};

/** The catalog's check of a session's new time against its speakers' other sessions (the agenda's). */
export const scheduleGuard: PortWiring<'scheduleGuard'> = {
  // Listed, not spread from the other wirings: a spread would keep them in every bundle.
  entities: {
    agendaEntry: entity.agendaEntry,
    speaker: entity.speaker,
    sponsor: entity.sponsor,
    venue: entity.venue,
    event: entity.event,
    session: entity.session,
    sessionCounter: entity.sessionCounter,
    sessionCounterShard: entity.sessionCounterShard,
    sessionClaim: entity.sessionClaim,
    roomSlot: entity.roomSlot,
    roomVersion: entity.roomVersion,
    bookingSeat: entity.bookingSeat,
    outbox: entity.outbox,
  },
  build: (wires) =>
    agendaScheduleGuard({
      agenda: agenda.build(wires),
      sessions: sessions.build(wires),
      speakers: speakers.build(wires),
    }),
};

export const eventTeams: PortWiring<'eventTeams'> = {
  entities: { teamPlace: entity.teamPlace },
  build: ({ service }) => dynamoTeamStore(service),
};

export const feedback: PortWiring<'feedback'> = {
  entities: {
    feedback: entity.feedback,
    feedbackGiver: entity.feedbackGiver,
    feedbackTotals: entity.feedbackTotals,
  },
  build: ({ service }) => dynamoFeedbackStore(service),
};

/** Each expense write commits with its totals; an event's purge empties the partition. */
export const expenses: PortWiring<'expenses'> = {
  entities: { expense: entity.expense, expenseTotals: entity.expenseTotals },
  build: ({ service }) => dynamoExpenseStore(service),
};

/** A deal's writes commit with its package's slot, its steps and activations, under the event's check. */
export const sponsorships: PortWiring<'sponsorships'> = {
  entities: {
    event: entity.event,
    sponsorshipPackage: entity.sponsorshipPackage,
    sponsorshipDeal: entity.sponsorshipDeal,
    sponsorOnboardingStep: entity.sponsorOnboardingStep,
    sponsorActivation: entity.sponsorActivation,
  },
  build: ({ service }) => dynamoSponsorshipStore(service),
};

export const analytics: PortWiring<'analytics'> = {
  entities: { analyticsSnapshot: entity.analyticsSnapshot },
  build: ({ service }) => dynamoAnalyticsStore(service),
};

export const materials: PortWiring<'materials'> = {
  entities: { material: entity.material },
  build: ({ service }) => dynamoMaterialStore(service),
};

/** A function without the bucket (tests that start no S3 server) has stored no file: nothing to remove. */
const noBucket = (): FileBucket => {
  const missing = () => Promise.reject(new Error('no files bucket is configured for this function'));
  return {
    uploadUrl: missing,
    downloadUrl: missing,
    head: missing,
    remove: missing,
    removeAll: async () => 0,
  };
};

/**
 * The tenant's bucket (the materials bucket) seen under an owner's key prefix; locally s3rver,
 * path-style (docs/materials.md). Each owner's port has its prefix, so a cascade of one never
 * lists another's objects.
 */
const filesUnder = (env: Wires['env'], prefix: string): FileBucket => {
  if (!env.MATERIALS_BUCKET) return noBucket();
  const client = traceClient(
    withoutSdkLogging(
      new S3Client({
        region: env.AWS_REGION,
        // s3rver knows one key pair, its own, and no virtual-host bucket names on 127.0.0.1.
        ...(env.S3_ENDPOINT
          ? {
              endpoint: env.S3_ENDPOINT,
              forcePathStyle: true,
              credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
            }
          : {}),
        // Presigned URLs carry no checksum a browser's plain PUT could not match.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
    ),
  );
  return s3MaterialFiles(client, env.MATERIALS_BUCKET, prefix);
};

/** Material files: keys `${orgId}/${eventId}/${materialId}` at the bucket's root (they came first). */
export const materialFiles: PortWiring<'materialFiles'> = {
  entities: {},
  build: ({ env }) => filesUnder(env, ''),
};

/** Vendor contract documents: keys `vendor-contracts/${orgId}/${eventId}/${contractId}/${documentId}`. */
export const vendorFiles: PortWiring<'vendorFiles'> = {
  entities: {},
  build: ({ env }) => filesUnder(env, 'vendor-contracts/'),
};

/** Profile pictures: keys `profiles/${userId}/${pictureId}`. */
export const profileFiles: PortWiring<'profileFiles'> = {
  entities: {},
  build: ({ env }) => filesUnder(env, 'profiles/'),
};

/** The users' profiles (user-keyed, in no organization). */
export const profiles: PortWiring<'profiles'> = {
  entities: { profile: entity.profile },
  build: ({ service }) => dynamoProfileStore(service),
};

/** An organization's vendors; a new one is put only while the organization is active. */
export const vendors: PortWiring<'vendors'> = {
  entities: { vendor: entity.vendor, organization: entity.organization },
  build: ({ service }) => dynamoVendorStore(service),
};

/** An event's vendor contracts; a new one is put only while its event is not being deleted. */
export const vendorContracts: PortWiring<'vendorContracts'> = {
  entities: { vendorContract: entity.vendorContract, event: entity.event },
  build: ({ service }) => dynamoVendorContractStore(service),
};

/** An event's budget lines; a line is put only while its event is not being deleted. */
export const budgetLines: PortWiring<'budgetLines'> = {
  entities: { budgetLine: entity.budgetLine, event: entity.event },
  build: ({ service }) => dynamoBudgetStore(service),
};

/** An organization's agents (put only while it is active) and their drafts (only while the event is not being deleted). */
export const agents: PortWiring<'agents'> = {
  entities: {
    agent: entity.agent,
    agentDraft: entity.agentDraft,
    organization: entity.organization,
    event: entity.event,
  },
  build: ({ service }) => dynamoAgentStore(service),
};

/** Tenant setting `agents.provider`: the template drafter unless the external one is chosen (not built: it refuses). */
export const drafter: PortWiring<'drafter'> = {
  entities: {},
  build: ({ env }) => (env.AGENTS_PROVIDER === 'external' ? externalDrafter() : templateDrafter()),
};

/** Automation workflows (put only while the organization is active), their runs and their outbox notifications. */
export const automations: PortWiring<'automations'> = {
  entities: {
    automationWorkflow: entity.automationWorkflow,
    automationRun: entity.automationRun,
    organization: entity.organization,
    outbox: entity.outbox,
  },
  build: ({ service }) => dynamoAutomationStore(service),
};

/** Announcements write their notifications into the outbox (their own partition) and count them there. */
export const announcements: PortWiring<'announcements'> = {
  entities: { announcement: entity.announcement, outbox: entity.outbox },
  build: ({ service }) => dynamoAnnouncementStore(service),
};

/**
 * One-off schedules to the jobs queue (announcements' sends, posts' publishes): EventBridge
 * Scheduler, locally the table's local schedules; only in the functions that schedule.
 */
const jobSchedules = ({ env, documentClient }: Wires, what: string): OneOffSchedules =>
  process.env.EVENTLY_SCHEDULES_HOLDS === 'false'
    ? { replace: noScheduling, remove: noScheduling }
    : env.SCHEDULER_MODE === 'local'
      ? localOneOffSchedules(localScheduleStore(documentClient, env.TABLE_NAME), 'jobs')
      : eventBridgeOneOffSchedules(
          traceClient(withoutSdkLogging(new SchedulerClient({ region: env.AWS_REGION }))),
          {
            groupName: env.SCHEDULE_GROUP_NAME,
            roleArn: env.SCHEDULER_ROLE_ARN,
            queueArn: env.JOBS_QUEUE_ARN,
            deadLetterArn: env.SCHEDULE_DLQ_ARN,
            what,
          },
        );

export const announcementScheduler: PortWiring<'announcementScheduler'> = {
  entities: {},
  build: (wires) => announcementSchedulerOver(jobSchedules(wires, 'announcement')),
};

/** An event's tasks, their graph head and the reminders they write into the outbox (the event's partition of it). */
export const tasks: PortWiring<'tasks'> = {
  entities: { task: entity.task, taskGraph: entity.taskGraph, outbox: entity.outbox, event: entity.event },
  build: ({ service }) => dynamoTaskStore(service),
};

export const taskTemplates: PortWiring<'taskTemplates'> = {
  entities: { taskTemplate: entity.taskTemplate },
  build: ({ service }) => dynamoTaskTemplateStore(service),
};

/** The catalog's event creation generates tasks through this, over the two stores above. */
export const taskGeneration: PortWiring<'taskGeneration'> = {
  entities: {
    task: entity.task,
    taskGraph: entity.taskGraph,
    taskTemplate: entity.taskTemplate,
    outbox: entity.outbox,
    event: entity.event,
  },
  build: (wires) =>
    generationOver({
      tasks: dynamoTaskStore(wires.service),
      taskTemplates: dynamoTaskTemplateStore(wires.service),
      clock: clock.build(wires),
    }),
};

/** An event's campaigns, posts and influencer agreements (put only while the event is not being deleted), and the codes' claims. */
export const marketing: PortWiring<'marketing'> = {
  entities: {
    marketingCampaign: entity.marketingCampaign,
    marketingPost: entity.marketingPost,
    influencerCampaign: entity.influencerCampaign,
    trackingCodeClaim: entity.trackingCodeClaim,
    event: entity.event,
  },
  build: ({ service }) => dynamoMarketingStore(service),
};

/** The organization's social accounts (put only while it is active). */
export const socialAccounts: PortWiring<'socialAccounts'> = {
  entities: { socialAccount: entity.socialAccount, organization: entity.organization },
  build: ({ service }) => dynamoSocialAccountStore(service),
};

/** Locally files under .data/ (SOCIAL_TOKENS_DIR); in AWS secrets under the tenant's prefix, in the functions granted them. */
const noSocialTokens = notInThisFunction('social tokens');

export const socialTokens: PortWiring<'socialTokens'> = {
  entities: {},
  build: ({ env }) =>
    process.env.EVENTLY_SOCIAL_TOKENS === 'false'
      ? { nameOf: noSocialTokens, put: noSocialTokens, read: noSocialTokens, remove: noSocialTokens }
      : env.SOCIAL_TOKENS_DIR
        ? fileSocialTokens(env.SOCIAL_TOKENS_DIR)
        : secretsManagerSocialTokens(
            traceClient(withoutSdkLogging(new SecretsManagerClient({ region: env.AWS_REGION }))),
            env.SOCIAL_SECRET_PREFIX ?? 'evently/social/',
          ),
};

/** Post schedules deliver to the jobs queue, as announcements' do. */
export const postScheduler: PortWiring<'postScheduler'> = {
  entities: {},
  build: (wires) => postSchedulerOver(jobSchedules(wires, 'post')),
};

/** Locally the delivery log; in AWS no platform is built yet, so a publish fails with that reason. */
export const postPublisher: PortWiring<'postPublisher'> = {
  entities: {},
  build: ({ env }) =>
    env.NOTIFY_MODE === 'local'
      ? localPostPublisher(localDeliveryOf(env)[0], () => new Date())
      : unconfiguredPostPublisher(),
};
