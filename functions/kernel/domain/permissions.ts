import { forbidden } from './errors.js';
import { type Role, roles } from './roles.js';

/**
 * Who may do what inside an organization. Every org-scoped use case asks `assertAllowed` with one
 * of these actions; there is no other place where roles are compared to actions.
 */
/** Every role but the door, which may only check people in. */
const allRoles = roles.filter((r) => r !== 'door');
const managers = ['owner', 'admin'] as const satisfies readonly Role[];
/** Those who set up venues, events, sessions and seating. */
const organizers = ['owner', 'admin', 'organizer'] as const satisfies readonly Role[];
/** Those who deal with attendees in person (the door included). */
const frontOfHouse = ['owner', 'admin', 'organizer', 'staff'] as const satisfies readonly Role[];

export const permissionTable = {
  'organization.read': allRoles,
  'organization.update': managers,
  'organization.delete': ['owner'],
  'member.list': allRoles,
  'member.update': managers,
  'member.remove': managers,
  /** Leaving an organization yourself (the door too). */
  'member.leave': roles,
  'invite.create': managers,
  'invite.list': managers,
  'invite.revoke': managers,
  'venue.read': allRoles,
  'venue.manage': organizers,
  'event.read': allRoles,
  'event.manage': organizers,
  'session.read': allRoles,
  'session.manage': organizers,
  'attendee.read': frontOfHouse,
  'attendee.manage': frontOfHouse,
  'attendee.delete': organizers,
  'party.read': frontOfHouse,
  'party.manage': frontOfHouse,
  'deletion.read': organizers,
  /** Bookings of anyone in the organization; attendees act on their own without a role. */
  'booking.read': frontOfHouse,
  'booking.manage': frontOfHouse,
  /** Scanning tickets at the door (the answer names who arrives). */
  'checkin.scan': [...frontOfHouse, 'door'],
  /** Check-in lists, conflicts of offline scans. */
  'checkin.manage': organizers,
  /** Who came: admissions, attendance, offline scanner lists. */
  'admission.read': frontOfHouse,
  /** What changed in the organization: audit summaries. */
  'audit.read': managers,
  /** A session's forecast (fill, no-shows, waitlist). */
  'forecast.read': organizers,
  /** Webhook subscriptions: endpoints, secrets, the delivery log, pause, resume and replay. */
  'webhook.manage': managers,
  /** An event's speakers and sponsors, with their fees, amounts and contacts. */
  'speaker.manage': organizers,
  'sponsor.manage': organizers,
  /** An event's team: who helps run it, with which permissions on it alone. */
  'team.manage': organizers,
  /** Attendees' feedback on events and sessions, and its averages (anonymous feedback names nobody). */
  'feedback.read': organizers,
  /** An event's expenses and their totals: reading them, submitting and editing pending ones. */
  'expense.read': organizers,
  'expense.submit': organizers,
  /** Approving, rejecting and paying expenses (never one's own approval: SELF_APPROVAL). */
  'expense.approve': managers,
  /** An event's analytics: bookings, fill, waitlist, check-ins, no-shows, feedback, revenue and refunds. */
  'analytics.read': organizers,
  /** An event's materials (files and links): add, complete an upload, delete (docs/materials.md). */
  'material.manage': organizers,
  /** An event's announcements: drafting, scheduling, sending and cancelling them, and their counts. */
  'announcement.manage': organizers,
  /** The organization's vendors: their contacts, categories, ratings and notes (docs/vendors.md). */
  'vendor.manage': organizers,
  /** An event's vendor contracts and their documents: reading them, and drafting, signing, paying, cancelling. */
  'contract.read': organizers,
  'contract.manage': organizers,
  /** An event's budget: its lines with their actuals and flags, and setting or removing lines (docs/budgets.md). */
  'budget.read': organizers,
  'budget.manage': organizers,
  /** An event's tasks: reading them (every member: tasks are assigned to staff too). */
  'task.read': allRoles,
  /** Creating, editing, deleting and generating an event's tasks; moving tasks assigned to others. */
  'task.manage': organizers,
  /** The organization's task templates. */
  'taskTemplate.manage': organizers,
  /** An event's sponsorship packages and deals, with their amounts and contacts (docs/sponsorships.md). */
  'sponsorship.read': organizers,
  /** Packages, deals through their flow, onboarding steps and activations. */
  'sponsorship.manage': organizers,
  /** The organization's agent configurations: purpose, instructions, tools, paused (docs/agents.md). */
  'agent.manage': managers,
  /** Reading agents, asking one for a draft, reading its drafts. */
  'agent.use': organizers,
  /** Approving, rejecting and publishing an agent's draft: always a person, never the agent. */
  'agentDraft.approve': organizers,
  /** An event's campaigns, posts, influencer agreements and results (docs/marketing.md). */
  'marketing.read': organizers,
  'marketing.manage': organizers,
  /** The organization's social accounts and their access tokens (kept in secrets). */
  'socialAccount.manage': managers,
  /** The organization's automation workflows: create, change, pause, resume, delete, read their runs (docs/automations.md). */
  'automation.manage': organizers,
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof permissionTable;

export const isAllowed = (role: Role, action: Action): boolean =>
  (permissionTable[action] as readonly Role[]).includes(role);

export const assertAllowed = (role: Role, action: Action): void => {
  if (!isAllowed(role, action)) throw forbidden(action);
};

/**
 * Per-event teams (docs/teams.md): a member of any role may be on an event's team with some of
 * these permissions, each of which allows the listed actions on that event alone, on top of what
 * their organization role allows everywhere. A volunteer of one event can touch no other.
 */
export const teamPermissions = [
  'manage_event',
  'manage_sessions',
  'manage_attendees',
  'view_analytics',
  'manage_materials',
  'send_announcements',
] as const;
export type TeamPermission = (typeof teamPermissions)[number];

export const teamRoles = [
  'organizer',
  'coordinator',
  'volunteer',
  'speaker_liaison',
  'tech_support',
  'registration',
  'marketing',
] as const;
export type TeamRole = (typeof teamRoles)[number];

/** What a team role may do when its permissions are not given. */
export const defaultTeamPermissions: Record<TeamRole, readonly TeamPermission[]> = {
  organizer: teamPermissions,
  coordinator: [
    'manage_sessions',
    'manage_attendees',
    'manage_materials',
    'send_announcements',
    'view_analytics',
  ],
  volunteer: ['manage_attendees'],
  speaker_liaison: ['manage_sessions'],
  tech_support: ['manage_materials'],
  registration: ['manage_attendees'],
  marketing: ['send_announcements', 'view_analytics'],
};

/** The event-scoped actions each team permission allows (on its event only). */
export const eventPermissionTable = {
  'event.read': teamPermissions,
  'speaker.manage': ['manage_sessions'],
  'sponsor.manage': ['manage_event'],
  'sponsorship.read': ['manage_event'],
  'sponsorship.manage': ['manage_event'],
  'session.manage': ['manage_sessions'],
  'team.manage': ['manage_event'],
  'analytics.read': ['view_analytics'],
  'material.manage': ['manage_materials'],
  'announcement.manage': ['send_announcements'],
  'task.read': teamPermissions,
  'task.manage': ['manage_event'],
  /** The door work of the event's sessions: scanning their tickets, reading who came to them. */
  'checkin.scan': ['manage_attendees'],
  'admission.read': ['manage_attendees'],
  /** Running the event's money side: its vendor contracts and its budget. */
  'contract.read': ['manage_event'],
  'contract.manage': ['manage_event'],
  'budget.read': ['manage_event'],
  'budget.manage': ['manage_event'],
  /** The event's marketing: its team's marketing role holds `send_announcements`. */
  'marketing.read': ['manage_event', 'send_announcements', 'view_analytics'],
  'marketing.manage': ['manage_event', 'send_announcements'],
} as const satisfies Partial<Record<Action, readonly TeamPermission[]>>;

export type EventAction = keyof typeof eventPermissionTable;

export const teamAllows = (permissions: readonly TeamPermission[], action: EventAction): boolean =>
  (eventPermissionTable[action] as readonly TeamPermission[]).some((p) => permissions.includes(p));
