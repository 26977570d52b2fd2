import type { Deps } from '../../../kernel/domain/deps.js';
import type { Deletion } from './model.js';

/**
 * The cascade behind a catalog deletion, in bounded steps: each step removes at most one page of
 * children and reports whether the target itself is gone. Every removal deletes what is still
 * there, so a step that dies half-way, or runs twice, leaves nothing inconsistent: the next run
 * lists what is left and carries on.
 */

/** Sessions listed per event, events per venue, in one step. */
const pageSize = 50;

interface Step {
  removed: number;
  finished: boolean;
}

/** Runs a purge of `pageSize` items at a time until a page comes back short; answers how many it removed. */
const drained = async (purge: (limit: number) => Promise<number>): Promise<number> => {
  let removed = 0;
  let page: number;
  do {
    page = await purge(pageSize);
    removed += page;
  } while (page === pageSize);
  return removed;
};

/**
 * A session with its booking records (bookings, history, seats, audit, outbox), its waitlist, forecast
 * and feedback,
 * those first: they are found through the session's id, which must not vanish before them. The
 * door's records (admissions, scans, one-time codes, conflicts) go before the bookings they name.
 */
export const removeSessionWithBookings = async (
  deps: Pick<
    Deps,
    'bookings' | 'categories' | 'feedback' | 'forecasts' | 'sessions' | 'ticketRecords' | 'waitlist'
  >,
  orgId: string,
  sessionId: string,
): Promise<number> => {
  let removed = await drained((n) => deps.ticketRecords.purgeSessionRecords(orgId, sessionId, n));
  removed += await drained((n) => deps.bookings.purgeSession(orgId, sessionId, n));
  removed += await drained((n) => deps.waitlist.purgeSession(orgId, sessionId, n));
  removed += await deps.forecasts.removeSession(orgId, sessionId);
  removed += await deps.categories.purgeSession(orgId, sessionId);
  removed += await drained((n) => deps.feedback.purgeSession(orgId, sessionId, n));
  return removed + (await deps.sessions.remove(orgId, sessionId));
};

/** Up to `limit` sessions of an organization with their bookings (its cascade delete). */
export const purgeOrgSessions = async (
  deps: Pick<
    Deps,
    'bookings' | 'categories' | 'feedback' | 'forecasts' | 'sessions' | 'ticketRecords' | 'waitlist'
  >,
  orgId: string,
  limit: number,
): Promise<number> => {
  const ids = await deps.sessions.listIdsOfOrg(orgId, limit);
  for (const id of ids) await removeSessionWithBookings(deps, orgId, id);
  return ids.length;
};

/**
 * A session deleted on its own: its figures in its event's analytics snapshot go first (found
 * through the session's event, which the session names), then the session with its bookings.
 */
const removeSession = async (
  deps: Pick<
    Deps,
    | 'analytics'
    | 'bookings'
    | 'categories'
    | 'feedback'
    | 'forecasts'
    | 'sessions'
    | 'ticketRecords'
    | 'waitlist'
  >,
  orgId: string,
  sessionId: string,
): Promise<Step> => {
  const session = await deps.sessions.get(orgId, sessionId);
  if (session) await deps.analytics.removeSessions(orgId, session.eventId, [sessionId]);
  return { removed: await removeSessionWithBookings(deps, orgId, sessionId), finished: true };
};

/** An event's promo codes with their per-person counts and redemption records, page by page. */
const removeEventPromoCodes = (deps: Pick<Deps, 'promoCodes'>, orgId: string, eventId: string) =>
  drained((n) => deps.promoCodes.purgeEvent(orgId, eventId, n));

/** An event's invites and the passes they gave, page by page (the invitations module's items). */
const removeEventInvitations = (deps: Pick<Deps, 'eventInvites'>, orgId: string, eventId: string) =>
  drained((n) => deps.eventInvites.purgeEvent(orgId, eventId, n));

/** An event's speakers, sponsors and agenda, page by page (the conference module's items). */
const removeEventConference = (deps: Pick<Deps, 'agenda'>, orgId: string, eventId: string) =>
  drained((n) => deps.agenda.purgeEvent(orgId, eventId, n));

/** An event's team places (the teams module's items). */
const removeEventTeam = (deps: Pick<Deps, 'eventTeams'>, orgId: string, eventId: string) =>
  drained((n) => deps.eventTeams.purgeEvent(orgId, eventId, n));

/** An event's networking connections and their side entries, page by page (the networking module's items). */
const removeEventConnections = (deps: Pick<Deps, 'connections'>, orgId: string, eventId: string) =>
  drained((n) => deps.connections.purgeEvent(orgId, eventId, n));

/** An event's feedback, its givers' marks and its totals, page by page (the feedback module's items). */
const removeEventFeedback = (deps: Pick<Deps, 'feedback'>, orgId: string, eventId: string) =>
  drained((n) => deps.feedback.purgeEvent(orgId, eventId, n));
/**
 * An event's announcements and their notifications, page by page (the announcements module's
 * items); the schedules of those still scheduled are deleted first, so none fires for them.
 */
const removeEventAnnouncements = async (
  deps: Pick<Deps, 'announcements' | 'announcementScheduler'>,
  orgId: string,
  eventId: string,
) => {
  let cursor: string | undefined;
  do {
    const page = await deps.announcements.list(orgId, eventId, { limit: pageSize, cursor });
    for (const a of page.items) if (a.status === 'scheduled') await deps.announcementScheduler.cancel(a);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return drained((n) => deps.announcements.purgeEvent(orgId, eventId, n));
};
/** An event's tasks, their graph head and reminders, page by page (the tasks module's items). */
const removeEventTasks = (deps: Pick<Deps, 'tasks'>, orgId: string, eventId: string) =>
  drained((n) => deps.tasks.purgeEvent(orgId, eventId, n));
/** An event's expenses and their totals, page by page (the expenses module's items). */
const removeEventExpenses = (deps: Pick<Deps, 'expenses'>, orgId: string, eventId: string) =>
  drained((n) => deps.expenses.purgeEvent(orgId, eventId, n));

/** An event's sponsorship packages, deals, steps and activations (the sponsorships module's items). */
const removeEventSponsorships = (deps: Pick<Deps, 'sponsorships'>, orgId: string, eventId: string) =>
  drained((n) => deps.sponsorships.purgeEvent(orgId, eventId, n));

/** An event's analytics snapshot (its head and its sessions' figures: the analytics module's items). */
const removeEventAnalytics = (deps: Pick<Deps, 'analytics'>, orgId: string, eventId: string) =>
  drained((n) => deps.analytics.purgeEvent(orgId, eventId, n));

/**
 * An event's materials, page by page, then every file under the event's prefix of the bucket (the
 * materials module's items and objects; files of uploads never completed included).
 */
const removeEventMaterials = async (
  deps: Pick<Deps, 'materials' | 'materialFiles'>,
  orgId: string,
  eventId: string,
) => {
  const removed = await drained((n) => deps.materials.purgeEvent(orgId, eventId, n));
  await deps.materialFiles.removeAll(`${orgId}/${eventId}/`);
  return removed;
};

/**
 * An event's vendor contracts, then every document under the event's prefix of the vendor files
 * (documents of uploads never completed included), then its budget lines and its agents' drafts
 * with their conversations (the vendors', budgets' and agents' modules' items and objects).
 */
const removeEventOperations = async (
  deps: Pick<Deps, 'vendorContracts' | 'vendorFiles' | 'budgetLines' | 'agents'>,
  orgId: string,
  eventId: string,
) => {
  const contracts = await drained((n) => deps.vendorContracts.purgeEvent(orgId, eventId, n));
  await deps.vendorFiles.removeAll(`${orgId}/${eventId}/`);
  const lines = await drained((n) => deps.budgetLines.purgeEvent(orgId, eventId, n));
  return contracts + lines + (await drained((n) => deps.agents.purgeEventDrafts(orgId, eventId, n)));
};

/**
 * An event's marketing: the schedules of its scheduled posts first (a schedule firing later finds
 * no post and does nothing), then its posts, influencer agreements, campaigns and their codes' claims.
 */
const removeEventMarketing = async (
  deps: Pick<Deps, 'marketing' | 'postScheduler'>,
  orgId: string,
  eventId: string,
) => {
  for (const post of await deps.marketing.scheduledPosts(orgId, eventId))
    await deps.postScheduler.cancel(post);
  return drained((n) => deps.marketing.purgeEvent(orgId, eventId, n));
};

/** Up to `limit` social accounts of an organization with their secrets (its cascade); fewer: none left. */
export const purgeOrgSocialAccounts = async (
  deps: Pick<Deps, 'socialAccounts' | 'socialTokens'>,
  orgId: string,
  limit: number,
): Promise<number> => {
  const { items } = await deps.socialAccounts.list(orgId, { limit });
  for (const account of items) {
    await deps.socialTokens.remove(account.tokenRef);
    await deps.socialAccounts.remove(orgId, account.accountId);
  }
  return items.length;
};

/**
 * Up to `limit` events of an organization, each with its promo codes (its cascade delete, after
 * the sessions): the codes are found through their event, which must not vanish before them.
 */
export const purgeOrgEvents = async (
  deps: Pick<
    Deps,
    | 'agenda'
    | 'analytics'
    | 'connections'
    | 'eventInvites'
    | 'eventTeams'
    | 'events'
    | 'expenses'
    | 'sponsorships'
    | 'feedback'
    | 'materialFiles'
    | 'vendorContracts'
    | 'vendorFiles'
    | 'budgetLines'
    | 'agents'
    | 'marketing'
    | 'postScheduler'
    | 'materials'
    | 'promoCodes'
    | 'announcements'
    | 'announcementScheduler'
    | 'tasks'
  >,
  orgId: string,
  limit: number,
): Promise<number> => {
  const { items } = await deps.events.list(orgId, {}, { limit });
  for (const { eventId } of items) {
    await removeEventPromoCodes(deps, orgId, eventId);
    await removeEventInvitations(deps, orgId, eventId);
    await removeEventConference(deps, orgId, eventId);
    await removeEventTeam(deps, orgId, eventId);
    await removeEventConnections(deps, orgId, eventId);
    await removeEventFeedback(deps, orgId, eventId);
    await removeEventExpenses(deps, orgId, eventId);
    await removeEventSponsorships(deps, orgId, eventId);
    await removeEventAnalytics(deps, orgId, eventId);
    await removeEventMaterials(deps, orgId, eventId);
    await removeEventAnnouncements(deps, orgId, eventId);
    await removeEventOperations(deps, orgId, eventId);
    await removeEventMarketing(deps, orgId, eventId);
    await removeEventTasks(deps, orgId, eventId);
    await deps.events.remove(orgId, eventId);
  }
  return items.length;
};

const removeEvent = async (
  deps: Pick<
    Deps,
    | 'bookings'
    | 'categories'
    | 'connections'
    | 'events'
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
    | 'forecasts'
    | 'materialFiles'
    | 'vendorContracts'
    | 'vendorFiles'
    | 'budgetLines'
    | 'agents'
    | 'marketing'
    | 'postScheduler'
    | 'materials'
    | 'promoCodes'
    | 'sessions'
    | 'ticketRecords'
    | 'waitlist'
  >,
  orgId: string,
  eventId: string,
): Promise<Step> => {
  const { ids } = await deps.sessions.listIdsByEvent(orgId, eventId, pageSize);
  const counts = await Promise.all(ids.map((id) => removeSessionWithBookings(deps, orgId, id)));
  const removed = counts.reduce((a, b) => a + b, 0);
  if (ids.length === pageSize) return { removed, finished: false };
  const categories = await deps.categories.purgeEvent(orgId, eventId);
  const promoCodes = await removeEventPromoCodes(deps, orgId, eventId);
  const invitations = await removeEventInvitations(deps, orgId, eventId);
  const conference = await removeEventConference(deps, orgId, eventId);
  const team = await removeEventTeam(deps, orgId, eventId);
  const connections = await removeEventConnections(deps, orgId, eventId);
  const feedback = await removeEventFeedback(deps, orgId, eventId);
  const expenses = await removeEventExpenses(deps, orgId, eventId);
  const sponsorships = await removeEventSponsorships(deps, orgId, eventId);
  const analytics = await removeEventAnalytics(deps, orgId, eventId);
  const materials = await removeEventMaterials(deps, orgId, eventId);
  const announcements = await removeEventAnnouncements(deps, orgId, eventId);
  const operations = await removeEventOperations(deps, orgId, eventId);
  const marketing = await removeEventMarketing(deps, orgId, eventId);
  const tasks = await removeEventTasks(deps, orgId, eventId);
  await deps.events.remove(orgId, eventId);
  return {
    removed:
      removed +
      promoCodes +
      invitations +
      conference +
      team +
      connections +
      feedback +
      expenses +
      sponsorships +
      analytics +
      materials +
      announcements +
      operations +
      marketing +
      tasks +
      categories +
      1,
    finished: true,
  };
};

const removeVenue = async (
  deps: Pick<
    Deps,
    | 'bookings'
    | 'categories'
    | 'connections'
    | 'events'
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
    | 'forecasts'
    | 'materialFiles'
    | 'vendorContracts'
    | 'vendorFiles'
    | 'budgetLines'
    | 'agents'
    | 'marketing'
    | 'postScheduler'
    | 'materials'
    | 'promoCodes'
    | 'sessions'
    | 'ticketRecords'
    | 'venues'
    | 'waitlist'
  >,
  orgId: string,
  venueId: string,
): Promise<Step> => {
  const { items } = await deps.events.list(orgId, { venueId }, { limit: pageSize });
  let removed = 0;
  for (const event of items) {
    const step = await removeEvent(deps, orgId, event.eventId);
    removed += step.removed;
    if (!step.finished) return { removed, finished: false };
  }
  if (items.length === pageSize) return { removed, finished: false };
  await deps.venues.remove(orgId, venueId);
  return { removed: removed + 1, finished: true };
};

const stepOf = (
  deps: Pick<
    Deps,
    | 'bookings'
    | 'categories'
    | 'connections'
    | 'events'
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
    | 'forecasts'
    | 'materialFiles'
    | 'vendorContracts'
    | 'vendorFiles'
    | 'budgetLines'
    | 'agents'
    | 'marketing'
    | 'postScheduler'
    | 'materials'
    | 'promoCodes'
    | 'sessions'
    | 'ticketRecords'
    | 'venues'
    | 'waitlist'
  >,
  d: Deletion,
): Promise<Step> => {
  switch (d.kind) {
    case 'session':
      return removeSession(deps, d.orgId, d.targetId);
    case 'event':
      return removeEvent(deps, d.orgId, d.targetId);
    case 'venue':
      return removeVenue(deps, d.orgId, d.targetId);
  }
};

/** Runs one step of the deletion of `targetId`; 'more' asks the caller to run another. */
export const runDeletionStep = async (
  deps: Pick<
    Deps,
    | 'bookings'
    | 'categories'
    | 'clock'
    | 'connections'
    | 'deletions'
    | 'events'
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
    | 'forecasts'
    | 'materialFiles'
    | 'vendorContracts'
    | 'vendorFiles'
    | 'budgetLines'
    | 'agents'
    | 'marketing'
    | 'postScheduler'
    | 'materials'
    | 'promoCodes'
    | 'sessions'
    | 'ticketRecords'
    | 'venues'
    | 'waitlist'
  >,
  orgId: string,
  targetId: string,
): Promise<'done' | 'more'> => {
  const deletion = await deps.deletions.get(orgId, targetId);
  if (!deletion || deletion.status === 'completed') return 'done';
  const step = await stepOf(deps, deletion);
  const completedAt = step.finished ? deps.clock.now().toISOString() : undefined;
  await deps.deletions.progress(orgId, targetId, step.removed, completedAt);
  return step.finished ? 'done' : 'more';
};
