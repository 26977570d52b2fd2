import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError } from '../../../kernel/domain/errors.js';
import { newId } from '../../../kernel/domain/ids.js';
import type { Member, Organization, OrgSettings, Principal } from '../../../kernel/domain/types.js';
import { markDeletingUnlessLive, withEventMarks } from '../../catalog/index.js';
import { purgeOrgEvents, purgeOrgSessions, purgeOrgSocialAccounts } from '../../deletions/index.js';
import { displayName } from './identity.js';

export interface CreateOrganizationInput {
  name: string;
  domain?: string | undefined;
  settings?: OrgSettings | undefined;
}

export const createOrganization = async (
  deps: Pick<Deps, 'clock' | 'orgs' | 'policy'>,
  principal: Principal,
  input: CreateOrganizationInput,
): Promise<Organization> => {
  const { orgCreation, operators } = deps.policy;
  if (orgCreation === 'operators' && !operators.includes(principal.sub)) {
    throw new DomainError('FORBIDDEN', 'only operators of this deployment may create organizations', {
      action: 'organization.create',
    });
  }
  const now = deps.clock.now().toISOString();
  const org: Organization = {
    orgId: newId('org'),
    name: input.name,
    domain: input.domain ?? null,
    kind: 'team',
    status: 'active',
    settings: input.settings ?? {},
    createdAt: now,
    updatedAt: now,
  };
  const owner: Member = {
    orgId: org.orgId,
    userId: principal.sub,
    name: displayName(principal),
    // A creator whose token carries no verified email is still the owner, with no email on record.
    email: principal.email ?? '',
    role: 'owner',
    status: 'active',
    joinedAt: now,
    updatedAt: now,
  };
  await deps.orgs.create(org, owner);
  return org;
};

export const getOrganization = async (
  deps: AccessDeps,
  principal: Principal,
  orgId: string,
): Promise<Organization> => (await authorize(deps, orgId, principal, 'organization.read')).org;

export interface UpdateOrganizationInput {
  name?: string | undefined;
  domain?: string | null | undefined;
  settings?: OrgSettings | undefined;
}

export const updateOrganization = async (
  deps: Pick<Deps, 'clock'> & AccessDeps,
  principal: Principal,
  orgId: string,
  input: UpdateOrganizationInput,
): Promise<Organization> => {
  await authorize(deps, orgId, principal, 'organization.update');
  return deps.orgs.update(orgId, { ...input, updatedAt: deps.clock.now().toISOString() });
};

/**
 * Marks the organization `deleting` and hands the cascade to the jobs queue. Re-sending the job
 * when it was already deleting makes a retried DELETE also restart a cascade whose message was lost.
 */
export const deleteOrganization = async (
  deps: Pick<Deps, 'clock' | 'events' | 'jobs' | 'sessions'> & AccessDeps,
  principal: Principal,
  orgId: string,
): Promise<{ orgId: string; status: 'deleting' }> => {
  await authorize(deps, orgId, principal, 'organization.delete');
  let marked = false;
  // The organization, then each of its events: bookings stop at their events' marks.
  await markDeletingUnlessLive(
    deps,
    orgId,
    { kind: 'organization', id: orgId },
    withEventMarks(
      deps,
      orgId,
      {},
      {
        mark: async () => {
          marked = await deps.orgs.markDeleting(orgId, deps.clock.now().toISOString());
        },
        // Only the mark this request made is taken back: a delete already under way stays so.
        unmark: async () => {
          if (marked) await deps.orgs.unmarkDeleting(orgId, deps.clock.now().toISOString());
        },
      },
    ),
  );
  await deps.jobs.send({ type: 'org.delete', orgId });
  return { orgId, status: 'deleting' };
};

/** Items removed per cascade step; a step that hits the limit asks to be run again. */
const purgeBatch = 100;

/**
 * What an organization holds, in the order the cascade removes it: the catalog first (children
 * before parents, so a half-done cascade never leaves an orphan pointing at a missing parent),
 * members last but one, so the owner can still see the organization `deleting` until the end.
 */
/** Every store an organization's items live in: what its cascade delete empties. */
type PurgeDeps = Pick<
  Deps,
  | 'attendees'
  | 'auditSummaries'
  | 'bookings'
  | 'categories'
  | 'connections'
  | 'deletions'
  | 'eventInvites'
  | 'agenda'
  | 'analytics'
  | 'eventTeams'
  | 'feedback'
  | 'expenses'
  | 'sponsorships'
  | 'announcements'
  | 'announcementScheduler'
  | 'tasks'
  | 'taskTemplates'
  | 'events'
  | 'forecasts'
  | 'invites'
  | 'materialFiles'
  | 'vendorContracts'
  | 'vendorFiles'
  | 'budgetLines'
  | 'agents'
  | 'marketing'
  | 'postScheduler'
  | 'socialAccounts'
  | 'socialTokens'
  | 'automations'
  | 'vendors'
  | 'materials'
  | 'members'
  | 'nightlyRuns'
  | 'parties'
  | 'promoCodes'
  | 'sessions'
  | 'ticketRecords'
  | 'venues'
  | 'waitlist'
  | 'webhooks'
>;

const purgeOrder = (deps: PurgeDeps, orgId: string): Array<() => Promise<number>> => [
  () => deps.deletions.purgeOrg(orgId, purgeBatch),
  () => deps.nightlyRuns.purgeOrg(orgId, purgeBatch),
  // Check-in lists name sessions: they go before them.
  () => deps.ticketRecords.purgeOrganizationRecords(orgId, purgeBatch),
  () => purgeOrgSessions(deps, orgId, purgeBatch),
  () => deps.sessions.purgeOrg(orgId, purgeBatch),
  () => deps.categories.purgeOrg(orgId, purgeBatch),
  // Each event with its promo codes, found through it; what is left of the events after them.
  () => purgeOrgEvents(deps, orgId, purgeBatch),
  () => deps.events.purgeOrg(orgId, purgeBatch),
  () => deps.venues.purgeOrg(orgId, purgeBatch),
  // The history of ended sessions and the audit summaries outlive their sessions, not the organization.
  () => deps.forecasts.purgeOrg(orgId, purgeBatch),
  () => deps.auditSummaries.purgeOrg(orgId, purgeBatch),
  // Task templates (events' tasks went with their events).
  () => deps.taskTemplates.purgeOrg(orgId, purgeBatch),
  // Webhook deliveries and subscriptions (nothing else points at them).
  () => deps.webhooks.purgeOrg(orgId, purgeBatch),
  // Vendors (their contracts went with their events).
  () => deps.vendors.purgeOrg(orgId, purgeBatch),
  // Agents (their drafts and conversations went with their events).
  () => deps.agents.purgeOrg(orgId, purgeBatch),
  // Social accounts with their tokens' secrets (campaigns and posts went with their events).
  () => purgeOrgSocialAccounts(deps, orgId, purgeBatch),
  // Automation workflows and their runs (a run's task went with its event, its notification with its session).
  () => deps.automations.purgeOrg(orgId, purgeBatch),
  () => deps.parties.purgeOrg(orgId, purgeBatch),
  () => deps.attendees.purgeOrg(orgId, purgeBatch),
  () => deps.invites.purge(orgId, purgeBatch),
  () => deps.members.purge(orgId, purgeBatch),
];

/**
 * One step of the cascade delete: up to `purgeBatch` items of the first kind that has any left,
 * then the organization item itself. Safe to run any number of times and from any point: each
 * step deletes what is still there.
 */
export const purgeOrganization = async (
  deps: PurgeDeps & AccessDeps,
  orgId: string,
): Promise<'done' | 'more'> => {
  const org = await deps.orgs.get(orgId);
  if (!org) return 'done';
  if (org.status !== 'deleting') return 'done';
  for (const purge of purgeOrder(deps, orgId)) {
    if ((await purge()) === purgeBatch) return 'more';
  }
  await deps.orgs.remove(orgId);
  return 'done';
};
