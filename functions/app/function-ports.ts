import type { Deps } from '../kernel/domain/deps.js';
import * as port from './port-wiring.js';
import type { PortWiring } from './wires.js';

/** Ports by name, each with its wiring (port-wiring.ts): what a container builds. */
export type PortTable = { readonly [K in keyof Deps]?: PortWiring<K> };

/** Every port: the compiler holds port-wiring.ts to one wiring for each port of `Deps`. */
type EveryPort = { readonly [K in keyof Deps]: PortWiring<K> };

/** Phone sign-in: its limits, key and SMS, and the user pool (or the local issuer). */
const identityPorts = (): PortTable => ({
  phoneSignIn: port.phoneSignIn,
  signInLimits: port.signInLimits,
  signInSettings: port.signInSettings,
  signInSms: port.signInSms,
  clock: port.clock,
});

/** The user pool's triggers: the code steps' key, SMS and clock only. */
const signInTriggersPorts = (): PortTable => ({
  signInSettings: port.signInSettings,
  signInSms: port.signInSms,
  clock: port.clock,
});

const orgsPorts = (): PortTable => ({
  orgs: port.orgs,
  members: port.members,
  invites: port.invites,
  jobs: port.jobs,
  deletions: port.deletions,
  notifications: port.notifications,
  // The caller's push devices (/v1/me/devices): their endpoints are created and deleted here.
  devices: port.devices,
  pushEndpoints: port.pushEndpoints,
  // The caller's profile (/v1/me/profile) and its pictures; others' profiles read shared bookings.
  profiles: port.profiles,
  profileFiles: port.profileFiles,
  events: port.events,
  eventInvites: port.eventInvites,
  feedback: port.feedback,
  analytics: port.analytics,
  materials: port.materials,
  materialFiles: port.materialFiles,
  vendors: port.vendors,
  vendorContracts: port.vendorContracts,
  vendorFiles: port.vendorFiles,
  budgetLines: port.budgetLines,
  agents: port.agents,
  // Marketing: an event's cascade purges its campaigns and deletes its posts' schedules; an organization's its accounts' secrets.
  marketing: port.marketing,
  postScheduler: port.postScheduler,
  socialAccounts: port.socialAccounts,
  socialTokens: port.socialTokens,
  automations: port.automations,
  promoCodes: port.promoCodes,
  sessions: port.sessions,
  venues: port.venues,
  attendees: port.attendees,
  parties: port.parties,
  bookings: port.bookings,
  waitlist: port.waitlist,
  ticketRecords: port.ticketRecords,
  auditSummaries: port.auditSummaries,
  auditTrail: port.auditTrail,
  forecasts: port.forecasts,
  categories: port.categories,
  nightlyRuns: port.nightlyRuns,
  webhooks: port.webhooks,
  agenda: port.agenda,
  eventTeams: port.eventTeams,
  connections: port.connections,
  expenses: port.expenses,
  sponsorships: port.sponsorships,
  announcements: port.announcements,
  announcementScheduler: port.announcementScheduler,
  tasks: port.tasks,
  taskTemplates: port.taskTemplates,
  clock: port.clock,
  policy: port.policy,
});

const catalogPorts = (): PortTable => ({
  // A first join request (and /me) creates the caller's attendee record from their profile.
  profiles: port.profiles,
  orgs: port.orgs,
  members: port.members,
  jobs: port.jobs,
  deletions: port.deletions,
  venues: port.venues,
  events: port.events,
  promoCodes: port.promoCodes,
  promoRedemptions: port.promoRedemptions,
  sessions: port.sessions,
  attendees: port.attendees,
  parties: port.parties,
  bookings: port.bookings,
  bookingPayments: port.bookingPayments,
  holdScheduler: port.holdScheduler,
  waitlist: port.waitlist,
  forecasts: port.forecasts,
  categories: port.categories,
  eventInvites: port.eventInvites,
  eventPasses: port.eventPasses,
  joinRequests: port.joinRequests,
  speakers: port.speakers,
  sponsors: port.sponsors,
  agenda: port.agenda,
  // A session moved in time is checked against its speakers' other sessions.
  scheduleGuard: port.scheduleGuard,
  eventTeams: port.eventTeams,
  connections: port.connections,
  admissionReads: port.admissionReads,
  feedback: port.feedback,
  expenses: port.expenses,
  sponsorships: port.sponsorships,
  // The analytics refresh reads each session's payment orders.
  payments: port.payments,
  analytics: port.analytics,
  materials: port.materials,
  materialFiles: port.materialFiles,
  vendors: port.vendors,
  vendorContracts: port.vendorContracts,
  vendorFiles: port.vendorFiles,
  budgetLines: port.budgetLines,
  agents: port.agents,
  // Marketing: an event's cascade purges its campaigns and deletes its posts' schedules; an organization's its accounts' secrets.
  marketing: port.marketing,
  postScheduler: port.postScheduler,
  socialAccounts: port.socialAccounts,
  socialTokens: port.socialTokens,
  automations: port.automations,
  announcements: port.announcements,
  announcementScheduler: port.announcementScheduler,
  // An event created from a task template generates its tasks; an event's cascade purges them.
  taskGeneration: port.taskGeneration,
  tasks: port.tasks,
  // Discovery: the interests events carry and users pick, the geohash index searches read.
  interests: port.interests,
  userInterests: port.userInterests,
  discovery: port.discovery,
  clock: port.clock,
});

const operationsPorts = (): PortTable => ({
  orgs: port.orgs,
  members: port.members,
  events: port.events,
  // Relative due dates are read in the event's venue's zone.
  venues: port.venues,
  // The event gate, and the assignee's place on the event's team.
  eventTeams: port.eventTeams,
  tasks: port.tasks,
  taskTemplates: port.taskTemplates,
  vendors: port.vendors,
  vendorContracts: port.vendorContracts,
  // Contract documents in the tenant's bucket, under their own prefix.
  vendorFiles: port.vendorFiles,
  budgetLines: port.budgetLines,
  agents: port.agents,
  // Automation workflows; a webhook action's URL is checked as a subscription's is.
  automations: port.automations,
  webhookPolicy: port.webhookPolicy,
  // A budget reads the event's expense totals.
  expenses: port.expenses,
  sponsorships: port.sponsorships,
  // A signed deal creates its sponsor, a cancelled one cancels it.
  sponsors: port.sponsors,
  // Agents draft through the drafter; a published announcement draft becomes a draft announcement.
  drafter: port.drafter,
  announcements: port.announcements,
  // Marketing; a campaign's results read the event's sessions' bookings and payment orders.
  marketing: port.marketing,
  socialAccounts: port.socialAccounts,
  socialTokens: port.socialTokens,
  postScheduler: port.postScheduler,
  sessions: port.sessions,
  bookings: port.bookings,
  payments: port.payments,
  clock: port.clock,
});

const bookingsPorts = (): PortTable => ({
  // A first self-service booking creates the caller's attendee record from their profile.
  profiles: port.profiles,
  orgs: port.orgs,
  members: port.members,
  events: port.events,
  sessions: port.sessions,
  attendees: port.attendees,
  bookings: port.bookings,
  bookingPayments: port.bookingPayments,
  holdScheduler: port.holdScheduler,
  eventPasses: port.eventPasses,
  waitlist: port.waitlist,
  forecasts: port.forecasts,
  categories: port.categories,
  promoRedemptions: port.promoRedemptions,
  clock: port.clock,
});

const paymentsPorts = (): PortTable => ({
  orgs: port.orgs,
  members: port.members,
  events: port.events,
  sessions: port.sessions,
  bookings: port.bookings,
  bookingPayments: port.bookingPayments,
  holdScheduler: port.holdScheduler,
  waitlist: port.waitlist,
  payments: port.payments,
  paymentProviders: port.paymentProviders,
  paymentPolicy: port.paymentPolicy,
  receipts: port.receipts,
  paymentInbox: port.paymentInbox,
  clock: port.clock,
});

const ticketsPorts = (): PortTable => ({
  orgs: port.orgs,
  members: port.members,
  events: port.events,
  sessions: port.sessions,
  attendees: port.attendees,
  parties: port.parties,
  bookings: port.bookings,
  ticketKeys: port.ticketKeys,
  admissions: port.admissions,
  admissionReads: port.admissionReads,
  checkinLists: port.checkinLists,
  checkinConflicts: port.checkinConflicts,
  checkinOtps: port.checkinOtps,
  // The door work of a session is open to its event's team too (docs/teams.md).
  eventTeams: port.eventTeams,
  clock: port.clock,
});

const jobsPorts = (): PortTable => ({
  // An account's erasure: its profile and pictures, picked interests, devices and their endpoints, preferences;
  // the texts of its join requests (invites' contacts: eventInvites and invites below).
  profiles: port.profiles,
  joinRequests: port.joinRequests,
  profileFiles: port.profileFiles,
  userInterests: port.userInterests,
  devices: port.devices,
  pushEndpoints: port.pushEndpoints,
  notifications: port.notifications,
  orgs: port.orgs,
  members: port.members,
  invites: port.invites,
  jobs: port.jobs,
  deletions: port.deletions,
  venues: port.venues,
  events: port.events,
  eventInvites: port.eventInvites,
  feedback: port.feedback,
  analytics: port.analytics,
  materials: port.materials,
  materialFiles: port.materialFiles,
  vendors: port.vendors,
  vendorContracts: port.vendorContracts,
  vendorFiles: port.vendorFiles,
  budgetLines: port.budgetLines,
  agents: port.agents,
  // Posts published as jobs (through the publisher); marketing: an event's cascade purges its campaigns and deletes its posts' schedules; an organization's its accounts' secrets.
  marketing: port.marketing,
  postScheduler: port.postScheduler,
  socialAccounts: port.socialAccounts,
  socialTokens: port.socialTokens,
  postPublisher: port.postPublisher,
  automations: port.automations,
  promoCodes: port.promoCodes,
  sessions: port.sessions,
  attendees: port.attendees,
  parties: port.parties,
  bookings: port.bookings,
  bookingPayments: port.bookingPayments,
  holdScheduler: port.holdScheduler,
  waitlist: port.waitlist,
  ticketRecords: port.ticketRecords,
  auditSummaries: port.auditSummaries,
  forecasts: port.forecasts,
  categories: port.categories,
  nightlyRuns: port.nightlyRuns,
  webhooks: port.webhooks,
  agenda: port.agenda,
  eventTeams: port.eventTeams,
  connections: port.connections,
  expenses: port.expenses,
  sponsorships: port.sponsorships,
  // Announcements sent as jobs reach the event's speakers and sponsors' representatives.
  speakers: port.speakers,
  sponsors: port.sponsors,
  announcements: port.announcements,
  announcementScheduler: port.announcementScheduler,
  tasks: port.tasks,
  taskTemplates: port.taskTemplates,
  clock: port.clock,
  policy: port.policy,
});

const holdsPorts = (): PortTable => ({
  orgs: port.orgs,
  members: port.members,
  events: port.events,
  sessions: port.sessions,
  bookings: port.bookings,
  bookingPayments: port.bookingPayments,
  holdScheduler: port.holdScheduler,
  waitlist: port.waitlist,
  // The offer engine prices and counts the categories an entry waits for.
  categories: port.categories,
  clock: port.clock,
});

const nightlyPorts = (): PortTable => ({
  orgs: port.orgs,
  members: port.members,
  events: port.events,
  venues: port.venues,
  sessions: port.sessions,
  counterRepairs: port.counterRepairs,
  bookings: port.bookings,
  waitlist: port.waitlist,
  admissionReads: port.admissionReads,
  auditRecords: port.auditRecords,
  auditSummaries: port.auditSummaries,
  auditChains: port.auditChains,
  auditAlarm: port.auditAlarm,
  forecasts: port.forecasts,
  categories: port.categories,
  nightlyRuns: port.nightlyRuns,
  nightlyQueue: port.nightlyQueue,
  nightlySettings: port.nightlySettings,
  // The analytics step: feedback totals and payment orders of the chunk's sessions.
  feedback: port.feedback,
  payments: port.payments,
  analytics: port.analytics,
  // Step 0 sends the organization's due task reminders.
  tasks: port.tasks,
  clock: port.clock,
});

const notificationsPorts = (): PortTable => ({
  notifications: port.notifications,
  // Push goes to the recipient's devices; a device whose endpoint is gone is removed.
  devices: port.devices,
  pushEndpoints: port.pushEndpoints,
  outbox: port.outbox,
  eventBus: port.eventBus,
  clock: port.clock,
});

const webhooksPorts = (): PortTable => ({
  orgs: port.orgs,
  members: port.members,
  webhooks: port.webhooks,
  webhookKeys: port.webhookKeys,
  webhookSender: port.webhookSender,
  webhookQueue: port.webhookQueue,
  webhookPolicy: port.webhookPolicy,
  // Automation runs (the `automations` queue): their records, and their actions' tasks, tags and notifications.
  automations: port.automations,
  tasks: port.tasks,
  attendees: port.attendees,
  clock: port.clock,
});

const outboxPorts = (): PortTable => ({
  notifications: port.notifications,
  outbox: port.outbox,
  // New audit records reach the same stream consumer, which links them into their chains.
  auditChains: port.auditChains,
  eventBus: port.eventBus,
  clock: port.clock,
});

/**
 * The ports of the function this code runs as: the ones its routes' and consumers' use cases take
 * (test/infra/function-ports.test.ts checks each table against the code its bundle holds).
 * `EVENTLY_FUNCTION` is a constant in each bundle (lib/constructs/bundling.ts), so the bundle
 * keeps one table and only those ports' adapters and entities. Run from source it is unset (the
 * local runtime and the tests load every function into one process) and every port is there; set
 * in the environment, it makes the source build that function's container.
 */
export const portsOfThisFunction = (): PortTable => {
  if (process.env.EVENTLY_FUNCTION === undefined) return port satisfies EveryPort;
  // Each comparison stays inline: the bundle's constant must meet it here for the other tables to go.
  if (process.env.EVENTLY_FUNCTION === 'identity') return identityPorts();
  if (process.env.EVENTLY_FUNCTION === 'signInTriggers') return signInTriggersPorts();
  if (process.env.EVENTLY_FUNCTION === 'orgs') return orgsPorts();
  if (process.env.EVENTLY_FUNCTION === 'catalog') return catalogPorts();
  if (process.env.EVENTLY_FUNCTION === 'operations') return operationsPorts();
  if (process.env.EVENTLY_FUNCTION === 'bookings') return bookingsPorts();
  if (process.env.EVENTLY_FUNCTION === 'payments') return paymentsPorts();
  if (process.env.EVENTLY_FUNCTION === 'tickets') return ticketsPorts();
  if (process.env.EVENTLY_FUNCTION === 'jobs') return jobsPorts();
  if (process.env.EVENTLY_FUNCTION === 'holds') return holdsPorts();
  if (process.env.EVENTLY_FUNCTION === 'nightly') return nightlyPorts();
  if (process.env.EVENTLY_FUNCTION === 'notifications') return notificationsPorts();
  if (process.env.EVENTLY_FUNCTION === 'outbox') return outboxPorts();
  if (process.env.EVENTLY_FUNCTION === 'webhooks') return webhooksPorts();
  throw new Error(`${process.env.EVENTLY_FUNCTION}: a function without a port table (app/function-ports.ts)`);
};
