import type { QueueName } from './queue-definitions.js';

/**
 * The deployable Lambda functions, one per bounded context. CDK builds each from `entry` and grants
 * it exactly `table` and `sendsTo`; the local runtime loads the same entry modules.
 */
export interface FunctionDefinition {
  entry: string;
  description: string;
  table: 'none' | 'read' | 'readWrite';
  sendsTo: readonly QueueName[];
  memoryMb: number;
  timeoutSeconds: number;
  /** Creates and deletes one-off schedules in the stack's schedule group (hold expiries). */
  schedulesHolds?: boolean;
  /** Sends email through SES, SMS and mobile push through SNS (notification delivery). */
  sendsNotifications?: boolean;
  /**
   * Creates and deletes SNS platform endpoints of push devices on the tenant's platform
   * applications (tenant config `notifications.push`; nothing without it).
   */
  registersPushDevices?: boolean;
  /** Reads the tenant's payment provider secret (the only function that may). */
  readsPaymentSecrets?: boolean;
  /** Reads the tenant's ticket key (the only function that may sign ticket codes). */
  readsTicketKey?: boolean;
  /** Reads the tenant's webhook key (the only function that may sign outgoing webhooks). */
  readsWebhookKey?: boolean;
  /** Publishes public domain events to the tenant's event bus (the outbox relay and its sweep). */
  publishesEvents?: boolean;
  /** Serves the OpenAPI document: only its schemas carry the document's metadata. */
  servesOpenApi?: boolean;
  /**
   * Loads the X-Ray SDK (the Powertools tracer): the handler and each AWS SDK and HTTPS call it
   * makes become subsegments. Every function is traced by Lambda (each invocation's segment);
   * only these pay the SDK's per-request CPU, where the calls to trace are slow or external.
   */
  tracesCalls?: boolean;
  /**
   * The tenant's bucket of material files (docs/materials.md): `readWrite` presigns uploads and
   * downloads and reads and deletes objects; `delete` lists and deletes an event's files (cascades).
   */
  materialFiles?: 'readWrite' | 'delete';
  /** Creates, writes, reads and deletes the secrets of social accounts' tokens (docs/marketing.md). */
  socialTokens?: boolean;
  /**
   * Phone sign-in (docs/identity.md): reads the tenant's sign-in key, sends codes by SMS, and
   * calls the user pool's admin API (create users, the custom authentication flow).
   */
  signsInPhones?: boolean;
}

export const functionDefinitions = {
  public: {
    entry: 'functions/app/lambdas/public.ts',
    description: 'Health, OpenAPI document and the problem+json answer for unknown routes',
    table: 'none',
    sendsTo: [],
    memoryMb: 256,
    timeoutSeconds: 5,
    servesOpenApi: true,
  },
  identity: {
    // Phone sign-in apart from every other route: the only function granted the user pool's admin
    // calls, the sign-in key and SMS to any number.
    entry: 'functions/app/lambdas/identity.ts',
    description: "Phone sign-in: codes by SMS, their rate limits, and the user pool's custom flow",
    table: 'readWrite',
    sendsTo: [],
    memoryMb: 512,
    timeoutSeconds: 10,
    signsInPhones: true,
  },
  signInTriggers: {
    // The user pool's custom authentication triggers (define, create, verify auth challenge), run
    // by Cognito for tenants whose `auth.mode` is `phone-otp`: the sign-in key and SMS, no table.
    entry: 'functions/app/lambdas/sign-in-triggers.ts',
    description: "Phone sign-in: the user pool's custom authentication triggers (codes by SMS)",
    table: 'none',
    sendsTo: [],
    memoryMb: 256,
    timeoutSeconds: 5,
    signsInPhones: true,
  },
  orgs: {
    entry: 'functions/app/lambdas/orgs.ts',
    description: 'Organizations, members, invites, memberships, notification preferences and push devices',
    table: 'readWrite',
    sendsTo: ['jobs'],
    memoryMb: 512,
    timeoutSeconds: 10,
    // The caller's push devices (/v1/me/devices): their SNS platform endpoints.
    registersPushDevices: true,
    // Profile pictures' presigned uploads and downloads; an organization's deletion removes its events' material files.
    materialFiles: 'readWrite',
  },
  catalog: {
    entry: 'functions/app/lambdas/catalog.ts',
    description: 'Venues, events, sessions, seating, attendees, parties, session cancellation and deletions',
    table: 'readWrite',
    // Cascades, session cancellations and announcement sends run as jobs; it commits no booking
    // (see `bookings`).
    sendsTo: ['jobs'],
    memoryMb: 512,
    timeoutSeconds: 10,
    // Materials: presigned uploads and downloads, the upload's check, a material's deletion.
    materialFiles: 'readWrite',
    // Announcements scheduled for later are one-off schedules (deleted when sent now or cancelled).
    schedulesHolds: true,
  },
  operations: {
    // The back office apart from the catalog: its routes scale and cold-start on their own, and
    // its bundle holds none of the catalog's seating and booking code.
    entry: 'functions/app/lambdas/operations.ts',
    description:
      "The organizer's back office: tasks, budgets, vendors, marketing, sponsorship sales, automations, agents",
    table: 'readWrite',
    sendsTo: [],
    memoryMb: 512,
    timeoutSeconds: 10,
    // Vendor contracts' documents: presigned uploads and downloads, the upload's check.
    materialFiles: 'readWrite',
    // Campaign posts are one-off schedules to the jobs queue; social accounts' tokens are secrets.
    schedulesHolds: true,
    socialTokens: true,
  },
  bookings: {
    // An on-sale's hot routes in a function of their own: it scales and cold-starts apart from the
    // catalog, and its bundle holds only what booking and the waiting line need.
    entry: 'functions/app/lambdas/bookings.ts',
    description: 'Bookings and waiting lines: book, join the line, answer offers, confirm, cancel, list',
    table: 'readWrite',
    // Its commits' outbox items reach their queues through the table's stream (`outbox`).
    sendsTo: [],
    memoryMb: 512,
    timeoutSeconds: 10,
    // Bookings of priced events schedule their hold's expiry; confirm and cancel delete it.
    schedulesHolds: true,
  },
  payments: {
    // HTTP (paying, webhooks) and the payments queue in one function: the only one granted the
    // providers' secrets.
    entry: 'functions/app/lambdas/payments.ts',
    description: 'Payment orders, provider webhooks and the payments queue (receipts to apply)',
    table: 'readWrite',
    // Receipts to apply.
    sendsTo: ['payments'],
    memoryMb: 512,
    timeoutSeconds: 20,
    // A payment confirming its booking deletes the hold's expiry schedule.
    schedulesHolds: true,
    readsPaymentSecrets: true,
  },
  tickets: {
    // Tickets and the door in one function: the only one granted the ticket key.
    entry: 'functions/app/lambdas/tickets.ts',
    description: 'Tickets and their signed codes, check-in scans at the door, admissions',
    table: 'readWrite',
    sendsTo: [],
    memoryMb: 512,
    timeoutSeconds: 10,
    readsTicketKey: true,
  },
  jobs: {
    entry: 'functions/app/lambdas/jobs.ts',
    description: 'Background jobs from the jobs queue: cascade deletes, session cancellations',
    table: 'readWrite',
    // A cascade step that leaves more to do sends its job again.
    sendsTo: ['jobs'],
    memoryMb: 512,
    timeoutSeconds: 60,
    // Cancelling a session's held bookings deletes their expiry schedules.
    schedulesHolds: true,
    // Cascades make hundreds of calls per message: the trace shows which were slow.
    tracesCalls: true,
    // An event's cascade deletes its material files; an account's erasure its profile pictures.
    materialFiles: 'delete',
    // An account's erasure deletes its devices' SNS endpoints.
    registersPushDevices: true,
    // Posts are published with their account's token; an organization's cascade deletes the secrets.
    socialTokens: true,
  },
  nightly: {
    // The nightly run (docs/nightly.md), on its own queue: each message is one bounded piece (an
    // organization's step or a chunk of its sessions), so the timeout is far above any one of them.
    entry: 'functions/app/lambdas/nightly.ts',
    description: 'Nightly run: counter recounts, forecasts, session outcomes and audit summaries',
    table: 'readWrite',
    // Each step sends the next one and its chunks.
    sendsTo: ['nightly'],
    memoryMb: 1024,
    timeoutSeconds: 60,
  },
  holds: {
    // Not routed to `jobs`: expiries are due at a deadline and must not queue behind cascade
    // deletes, and a function of its own keeps its grants to what expiry needs.
    entry: 'functions/app/lambdas/holds.ts',
    description: 'Hold expiries from the holds queue: one-off schedules and the one-minute sweep',
    table: 'readWrite',
    sendsTo: [],
    memoryMb: 512,
    timeoutSeconds: 10,
    // Waitlist offers are holds made here: their expiry and reminder are scheduled here too.
    schedulesHolds: true,
  },
  notifications: {
    // Sends to its own queue (the sweep re-enqueues deliveries) and to holds (capacity.released).
    entry: 'functions/app/lambdas/notifications.ts',
    description: 'Notification delivery from the outbox (email, SMS, push) and the outbox relay sweep',
    table: 'readWrite',
    sendsTo: ['notifications', 'holds'],
    memoryMb: 512,
    timeoutSeconds: 10,
    sendsNotifications: true,
    // The sweep publishes the domain events the stream relay did not.
    publishesEvents: true,
    // SES and SNS are where its time goes.
    tracesCalls: true,
  },
  webhooks: {
    // Webhook subscriptions (HTTP) and their deliveries (the webhooks queue) in one function: the
    // only one granted the webhook key, and the only one that calls receivers' endpoints.
    entry: 'functions/app/lambdas/webhooks.ts',
    description: 'Outgoing webhooks: subscriptions, signed deliveries in order per subscription, replay',
    table: 'readWrite',
    // Lane messages (a lane to run, and a backoff's wait as DelaySeconds).
    sendsTo: ['lanes'],
    memoryMb: 512,
    // A lane sends while it has time (5 s per attempt at most), then hands itself on.
    timeoutSeconds: 30,
    readsWebhookKey: true,
  },
  outbox: {
    // The outbox relay, fed by the table's stream (app/stream-definitions.ts): a function of its
    // own, so that no request waits for a hand-off, and its grants, scaling and cold starts (no SES,
    // SNS or X-Ray SDK) are the relay's alone.
    entry: 'functions/app/lambdas/outbox.ts',
    description: 'Outbox relay: new outbox items from the table stream onto their queues and the event bus',
    // Reads nothing; marks a failed hand-off (due for the sweep) and a relayed domain event consumed.
    table: 'readWrite',
    sendsTo: ['notifications', 'holds'],
    memoryMb: 512,
    // A batch of 100 sends at once: seconds when SQS retries, well inside this.
    timeoutSeconds: 30,
    // Public domain events go to the tenant's event bus (PutEvents).
    publishesEvents: true,
  },
} as const satisfies Record<string, FunctionDefinition>;

export type FunctionName = keyof typeof functionDefinitions;
export type HttpFunctionName =
  | 'public'
  | 'identity'
  | 'orgs'
  | 'catalog'
  | 'operations'
  | 'bookings'
  | 'payments'
  | 'tickets'
  | 'webhooks';

/** The functions behind HTTP routes; the others consume queues or the table's stream. */
export const httpFunctionNames = (): HttpFunctionName[] => [
  'public',
  'identity',
  'orgs',
  'catalog',
  'operations',
  'bookings',
  'payments',
  'tickets',
  'webhooks',
];
