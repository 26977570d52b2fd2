import type { AgentStore, Drafter } from '../../modules/agents/domain/ports.js';
import type { AnalyticsStore } from '../../modules/analytics/domain/ports.js';
import type { AnnouncementScheduler, AnnouncementStore } from '../../modules/announcements/domain/ports.js';
import type { AuditAlarm, AuditChainStore, AuditTrailReads } from '../../modules/audit/domain/audit-ports.js';
import type { AuditSummaryStore } from '../../modules/audit/domain/audit-summary.js';
import type { AutomationStore } from '../../modules/automations/domain/ports.js';
import type { AuditRecords } from '../../modules/bookings/domain/audit-ports.js';
import type { BookingPayments, BookingStore, HoldScheduler } from '../../modules/bookings/domain/ports.js';
import type { WaitlistStore } from '../../modules/bookings/domain/waitlist-ports.js';
import type { BudgetStore } from '../../modules/budgets/domain/ports.js';
import type { CounterRepairs } from '../../modules/catalog/domain/counter-repair-ports.js';
import type { EventStore, VenueStore } from '../../modules/catalog/domain/ports.js';
import type { SessionScheduleGuard, SessionStore } from '../../modules/catalog/domain/session-ports.js';
import type { AgendaStore, SpeakerStore, SponsorStore } from '../../modules/conference/domain/ports.js';
import type { Deletion } from '../../modules/deletions/domain/model.js';
import type {
  DiscoveryIndex,
  InterestCatalog,
  UserInterestStore,
} from '../../modules/discovery/domain/ports.js';
import type { ExpenseStore } from '../../modules/expenses/domain/ports.js';
import type { FeedbackStore } from '../../modules/feedback/domain/ports.js';
import type { ForecastStore } from '../../modules/forecasts/domain/forecast-ports.js';
// Identity (phone sign-in).
import type {
  PhoneSignIn,
  SignInLimits,
  SignInSettings,
  SignInSms,
} from '../../modules/identity/domain/ports.js';
import type {
  EventInviteStore,
  EventPassStore,
  JoinRequestStore,
} from '../../modules/invitations/domain/ports.js';
import type {
  MarketingStore,
  PostPublisher,
  PostScheduler,
  SocialAccountStore,
  SocialTokens,
} from '../../modules/marketing/domain/ports.js';
import type { MaterialFiles, MaterialStore } from '../../modules/materials/domain/ports.js';
import type { ConnectionStore } from '../../modules/networking/domain/ports.js';
import type {
  NightlyQueue,
  NightlyRunStore,
  NightlySettings,
} from '../../modules/nightly/domain/nightly-model.js';
import type { EventBus } from '../../modules/notifications/domain/domain-events.js';
import type {
  DeviceStore,
  NotificationChannels,
  NotificationStore,
  OutboxPublisher,
  PushEndpoints,
} from '../../modules/notifications/domain/ports.js';
import type {
  PaymentInbox,
  PaymentPolicy,
  PaymentProviders,
  PaymentStore,
  ReceiptStore,
} from '../../modules/payments/domain/ports.js';
import type { AttendeeStore, PartyStore } from '../../modules/people/domain/ports.js';
import type { CategoryStore } from '../../modules/pricing/domain/category-ports.js';
import type { PromoCodeStore, PromoRedemptions } from '../../modules/pricing/domain/promo-ports.js';
import type { ProfileStore } from '../../modules/profiles/domain/ports.js';
import type { SponsorshipStore } from '../../modules/sponsorships/domain/ports.js';
import type { TaskGeneration, TaskStore, TaskTemplateStore } from '../../modules/tasks/domain/ports.js';
import type { EventTeamStore } from '../../modules/teams/domain/ports.js';
import type { AdmissionReads } from '../../modules/tickets/domain/admissions-ports.js';
import type { CheckinListStore } from '../../modules/tickets/domain/checkin-list-ports.js';
import type { ConflictStore } from '../../modules/tickets/domain/conflict-ports.js';
import type { CheckinOtpStore } from '../../modules/tickets/domain/otp-ports.js';
import type { AdmissionStore, TicketKeys, TicketRecordsPurge } from '../../modules/tickets/domain/ports.js';
import type { VendorContractStore, VendorStore } from '../../modules/vendors/domain/ports.js';
import type { WebhookPolicy } from '../../modules/webhooks/domain/model.js';
import type {
  WebhookKeys,
  WebhookQueue,
  WebhookSender,
  WebhookStore,
} from '../../modules/webhooks/domain/ports.js';
import type { FileBucket } from './files.js';
import type { Role } from './roles.js';
import type { Invite, InviteStatus, Member, Organization, OrgSettings, Page, PageRequest } from './types.js';

/**
 * What the domain needs from the outside world. Each module's adapters (functions/modules/<area>/
 * adapters) implement these over DynamoDB and SQS; every multi-item change is one transaction
 * inside the adapter.
 */

/** +1 when a change creates an owner, -1 when it removes one; 0 otherwise. */
export type OwnerDelta = -1 | 0 | 1;

export interface OrganizationChanges {
  name?: string;
  domain?: string | null;
  settings?: OrgSettings;
  updatedAt: string;
}

export interface OrganizationStore {
  /** Creates the organization and its first owner atomically. */
  create(org: Organization, owner: Member): Promise<void>;
  get(orgId: string): Promise<Organization | undefined>;
  /** Throws NOT_FOUND when missing, ORGANIZATION_DELETING when being deleted. */
  update(orgId: string, changes: OrganizationChanges): Promise<Organization>;
  /** Moves an active organization to `deleting`; false when it already was. */
  markDeleting(orgId: string, at: string): Promise<boolean>;
  /** Moves a `deleting` organization whose delete was refused back to active; no-op otherwise. */
  unmarkDeleting(orgId: string, at: string): Promise<void>;
  /** Deletes the organization item itself (the last step of a cascade). */
  remove(orgId: string): Promise<void>;
  /** A page of the tenant's organization ids, in id order (`cursor` as the last page returned it). */
  listIds(limit: number, cursor?: string): Promise<{ ids: string[]; cursor: string | null }>;
}

export interface MemberChange {
  role?: Role;
  name?: string;
  status?: Member['status'];
  updatedAt: string;
}

export interface MemberStore {
  get(orgId: string, userId: string): Promise<Member | undefined>;
  list(orgId: string, page: PageRequest): Promise<Page<Member>>;
  listByUser(userId: string, page: PageRequest): Promise<Page<Member>>;
  /**
   * Applies the change only if the member still has `expectedRole` and, when ownerDelta is -1,
   * another owner remains (checked on the organization's owner counter in the same transaction).
   */
  update(member: Member, change: MemberChange, ownerDelta: OwnerDelta): Promise<Member>;
  remove(member: Member, ownerDelta: OwnerDelta): Promise<void>;
  /** Deletes up to `limit` members; returns how many it deleted (cascade deletes). */
  purge(orgId: string, limit: number): Promise<number>;
}

export interface InviteStore {
  create(invite: Invite): Promise<void>;
  get(orgId: string, inviteId: string): Promise<Invite | undefined>;
  /** `status` filters by effective status (a pending invite past `now` counts as expired). */
  list(
    orgId: string,
    status: InviteStatus | undefined,
    now: string,
    page: PageRequest,
  ): Promise<Page<Invite>>;
  /** pending -> revoked; throws CONFLICT if no longer pending. */
  revoke(invite: Invite, at: string): Promise<void>;
  /** pending -> accepted + member put (+ owner counter), atomically; conditional on still pending. */
  accept(invite: Invite, member: Member, at: string): Promise<void>;
  /**
   * Removes the email of up to `limit` invites `userId` accepted (an account's erasure); each
   * leaves the user's index. True when more may be left.
   */
  eraseAcceptedBy(userId: string, limit: number): Promise<boolean>;
  purge(orgId: string, limit: number): Promise<number>;
}

export type JobMessage =
  | { type: 'org.delete'; orgId: string }
  | { type: 'catalog.delete'; orgId: string; targetId: string }
  /**
   * `cursor` carries a pass over the session's bookings from step to step, `pass` counts passes;
   * `waitlist`: the bookings are done, the waitlist is being closed.
   */
  | {
      type: 'session.cancel';
      orgId: string;
      sessionId: string;
      cursor?: string;
      pass?: number;
      waitlist?: boolean;
    }
  | { type: 'event.cancel'; orgId: string; eventId: string; by: string; cursor?: string }
  /** Sends an announcement (now, or from its schedule: `scheduledFor`). */
  | {
      type: 'announcement.send';
      orgId: string;
      eventId: string;
      announcementId: string;
      scheduledFor?: string;
    }
  /** Publishes a campaign's post (from its schedule: `scheduledFor`). */
  | {
      type: 'post.publish';
      orgId: string;
      eventId: string;
      campaignId: string;
      postId: string;
      scheduledFor?: string;
    }
  /** Erases a user's account, step by step (profiles module, docs/profiles.md). */
  | { type: 'account.erase'; userId: string };

export interface DeletionStore {
  /** Puts the deletion unless one exists for the target; returns whichever is stored. */
  createIfAbsent(deletion: Deletion): Promise<Deletion>;
  get(orgId: string, targetId: string): Promise<Deletion | undefined>;
  /** Adds to `deletedItems`; with `completedAt`, also marks the deletion completed. */
  progress(orgId: string, targetId: string, deletedItems: number, completedAt?: string): Promise<void>;
  purgeOrg(orgId: string, limit: number): Promise<number>;
}

export interface JobQueue {
  send(job: JobMessage): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export interface TenantPolicy {
  orgCreation: 'anyone' | 'operators';
  operators: readonly string[];
}

export interface Deps {
  orgs: OrganizationStore;
  members: MemberStore;
  invites: InviteStore;
  jobs: JobQueue;
  deletions: DeletionStore;
  venues: VenueStore;
  events: EventStore;
  /** Ticket categories of events and their per-session counters (pricing module). */
  categories: CategoryStore;
  /** An event's promo codes (pricing module). */
  promoCodes: PromoCodeStore;
  /** The uses of promo codes, taken by the booking path before its transaction (pricing module). */
  promoRedemptions: PromoRedemptions;
  attendees: AttendeeStore;
  parties: PartyStore;
  sessions: SessionStore;
  /** Whether a session moved in time keeps its speakers in one place at a time (conference module). */
  scheduleGuard: SessionScheduleGuard;
  counterRepairs: CounterRepairs;
  holdScheduler: HoldScheduler;
  bookings: BookingStore;
  bookingPayments: BookingPayments;
  notifications: NotificationStore;
  /** The users' push devices (notifications module). */
  devices: DeviceStore;
  /** The platform endpoints push goes through: SNS mobile push, or locally the delivery log. */
  pushEndpoints: PushEndpoints;
  outbox: OutboxPublisher;
  /** The tenant's event bus, which the outbox relay publishes public domain events to. */
  eventBus: EventBus;
  waitlist: WaitlistStore;
  eventInvites: EventInviteStore;
  eventPasses: EventPassStore;
  joinRequests: JoinRequestStore;
  /** Networking connections between attendees of an event (networking module). */
  connections: ConnectionStore;
  payments: PaymentStore;
  paymentProviders: PaymentProviders;
  receipts: ReceiptStore;
  paymentInbox: PaymentInbox;
  paymentPolicy: PaymentPolicy;
  ticketKeys: TicketKeys;
  admissions: AdmissionStore;
  admissionReads: AdmissionReads;
  checkinLists: CheckinListStore;
  checkinConflicts: ConflictStore;
  checkinOtps: CheckinOtpStore;
  ticketRecords: TicketRecordsPurge;
  auditRecords: AuditRecords;
  auditSummaries: AuditSummaryStore;
  auditChains: AuditChainStore;
  auditAlarm: AuditAlarm;
  auditTrail: AuditTrailReads;
  forecasts: ForecastStore;
  nightlyRuns: NightlyRunStore;
  nightlyQueue: NightlyQueue;
  nightlySettings: NightlySettings;
  /** Phone sign-in: Cognito's custom flow or the local issuer, its limits, key and SMS (identity module). */
  phoneSignIn: PhoneSignIn;
  signInLimits: SignInLimits;
  signInSettings: SignInSettings;
  signInSms: SignInSms;
  /** Webhook subscriptions and their deliveries (webhooks module). */
  webhooks: WebhookStore;
  webhookKeys: WebhookKeys;
  webhookSender: WebhookSender;
  webhookQueue: WebhookQueue;
  webhookPolicy: WebhookPolicy;
  /** An event's speakers, sponsors and agenda (conference module). */
  speakers: SpeakerStore;
  sponsors: SponsorStore;
  agenda: AgendaStore;
  /** Members' places on events' teams (teams module). */
  eventTeams: EventTeamStore;
  /** Attendees' feedback on events and sessions, and its totals (feedback module). */
  feedback: FeedbackStore;
  /** An event's expenses and their totals (expenses module). */
  expenses: ExpenseStore;
  /** Each event's analytics snapshot (analytics module). */
  analytics: AnalyticsStore;
  /** An event's materials and their files in the tenant's bucket (materials module). */
  materials: MaterialStore;
  materialFiles: MaterialFiles;
  /** An organization's vendors, its events' contracts with them and their documents in the bucket (vendors module). */
  vendors: VendorStore;
  vendorContracts: VendorContractStore;
  vendorFiles: FileBucket;
  /** The users' profiles and their pictures in the bucket, under their own prefix (profiles module). */
  profiles: ProfileStore;
  profileFiles: FileBucket;
  /** An event's budget lines (budgets module). */
  budgetLines: BudgetStore;
  /** An organization's agents and their drafts (agents module). */
  agents: AgentStore;
  /** Writes an agent's draft: templates by default, the external provider when configured (not built). */
  drafter: Drafter;
  /** An organization's automation workflows, their runs and their notifications (automations module). */
  automations: AutomationStore;
  /** An event's announcements and the notifications they write (announcements module). */
  announcements: AnnouncementStore;
  /** One-off schedules that send announcements at their time (announcements module). */
  announcementScheduler: AnnouncementScheduler;
  /** An event's tasks and their reminders (tasks module). */
  tasks: TaskStore;
  /** The organization's task templates (tasks module). */
  taskTemplates: TaskTemplateStore;
  /** Tasks generated from a template, for the catalog's event creation (tasks module). */
  taskGeneration: TaskGeneration;
  /** An event's sponsorship packages, deals, onboarding steps and activations (sponsorships module). */
  sponsorships: SponsorshipStore;
  /** An event's campaigns, posts and influencer agreements, the organization's social accounts (marketing module). */
  marketing: MarketingStore;
  socialAccounts: SocialAccountStore;
  /** The social accounts' access tokens, one secret each: Secrets Manager, locally files. */
  socialTokens: SocialTokens;
  /** One-off schedules that publish posts at their time; the publisher they reach. */
  postScheduler: PostScheduler;
  postPublisher: PostPublisher;
  /** The tenant's catalog of interests, from its config (discovery module). */
  interests: InterestCatalog;
  /** The interests each user picked (discovery module). */
  userInterests: UserInterestStore;
  /** The geohash index of published public events (discovery module; the catalog writes it). */
  discovery: DiscoveryIndex;
  clock: Clock;
  policy: TenantPolicy;
}

/** A response kept for replay under an Idempotency-Key. */
export interface StoredResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export type IdempotencyRecord =
  | { status: 'in_progress'; fingerprint: string }
  | { status: 'completed'; fingerprint: string; response: StoredResponse };

export interface IdempotencyStore {
  /**
   * Claims (scope, key) for a new execution. Returns undefined when claimed, else the record that
   * holds it. A claim whose lock ran out (its executor died) can be claimed again.
   */
  claim(
    scope: string,
    key: string,
    fingerprint: string,
    nowMs: number,
  ): Promise<IdempotencyRecord | undefined>;
  get(scope: string, key: string): Promise<IdempotencyRecord | undefined>;
  complete(scope: string, key: string, response: StoredResponse): Promise<void>;
  /** Forgets a claim whose execution failed unexpectedly, so a retry can run again. */
  release(scope: string, key: string): Promise<void>;
}

/**
 * What delivering a notification needs: the channels to send email and SMS on besides the shared
 * ports, push going to the recipient's devices.
 */
export type DeliveryDeps = Pick<Deps, 'notifications' | 'clock' | 'devices' | 'pushEndpoints'> & {
  channels: NotificationChannels;
};
