import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { notFound } from '../../../kernel/domain/errors.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import { defaultEventSettings } from '../../catalog/index.js';
import { type Booker, bookerIn, mayAccess, notFoundFor } from './bookings-access.js';
import { viewOf, type WaitlistEntry, type WaitlistStatus, type WaitlistView } from './waitlist-model.js';

/** Reads of waitlist entries, each shown with its rank in the line and an estimated wait. */

export const entryNotFound = () => notFound('waitlist entry');

/** Ranks of the waiting entries of one session (one consistent read of the line). */
const ranksOf = async (
  deps: Pick<Deps, 'waitlist'>,
  orgId: string,
  sessionId: string,
): Promise<Map<string, number>> => {
  const line = await deps.waitlist.line(orgId, sessionId);
  return new Map(line.map((slot, i) => [slot.entryId, i + 1]));
};

const settingsOf = async (deps: Pick<Deps, 'events'>, orgId: string, eventId: string) =>
  (await deps.events.get(orgId, eventId))?.settings ?? defaultEventSettings;

const forecastOf = async (deps: Pick<Deps, 'forecasts'>, orgId: string, sessionId: string) =>
  (await deps.forecasts.getForecast(orgId, sessionId))?.forecast;

/**
 * Views of entries of any sessions: one line read and one forecast read per session with a
 * waiting entry, one event read per event.
 */
export const viewsOf = async (
  deps: Pick<Deps, 'events' | 'forecasts' | 'waitlist'>,
  entries: readonly WaitlistEntry[],
): Promise<WaitlistView[]> => {
  const ranks = new Map<string, Promise<Map<string, number>>>();
  const forecasts = new Map<string, ReturnType<typeof forecastOf>>();
  const settings = new Map<string, ReturnType<typeof settingsOf>>();
  return Promise.all(
    entries.map(async (e) => {
      const sessionKey = `${e.orgId}#${e.sessionId}`;
      const eventKey = `${e.orgId}#${e.eventId}`;
      if (e.status === 'waiting' && !ranks.has(sessionKey)) {
        ranks.set(sessionKey, ranksOf(deps, e.orgId, e.sessionId));
        forecasts.set(sessionKey, forecastOf(deps, e.orgId, e.sessionId));
      }
      if (!settings.has(eventKey)) settings.set(eventKey, settingsOf(deps, e.orgId, e.eventId));
      const rank = e.status === 'waiting' ? ((await ranks.get(sessionKey))?.get(e.entryId) ?? null) : null;
      const eventSettings = await (settings.get(eventKey) as ReturnType<typeof settingsOf>);
      return viewOf(e, rank, eventSettings, await forecasts.get(sessionKey));
    }),
  );
};

export const viewOne = async (
  deps: Pick<Deps, 'events' | 'forecasts' | 'waitlist'>,
  entry: WaitlistEntry,
): Promise<WaitlistView> => (await viewsOf(deps, [entry]))[0] as WaitlistView;

/** The entry if the caller may see it: staff of the organization, or the user it belongs to. */
export const readEntry = async (
  deps: Pick<Deps, 'waitlist'> & AccessDeps,
  principal: Principal,
  orgId: string,
  entryId: string,
  action: 'booking.read' | 'booking.manage',
): Promise<{ booker: Booker; entry: WaitlistEntry }> => {
  const booker = await bookerIn(deps, orgId, principal, action);
  const entry = await deps.waitlist.get(orgId, entryId);
  if (!entry || !mayAccess(booker, entry)) throw notFoundFor(booker, 'waitlist entry');
  return { booker, entry };
};

export const getWaitlistEntry = async (
  deps: Pick<Deps, 'events' | 'forecasts' | 'waitlist'> & AccessDeps,
  principal: Principal,
  orgId: string,
  entryId: string,
): Promise<WaitlistView> =>
  viewOne(deps, (await readEntry(deps, principal, orgId, entryId, 'booking.read')).entry);

/** Staff: the entries of a session, optionally of one status. */
export const listSessionWaitlist = async (
  deps: Pick<Deps, 'events' | 'forecasts' | 'sessions' | 'waitlist'> & AccessDeps,
  principal: Principal,
  orgId: string,
  sessionId: string,
  query: PageRequest & { status?: WaitlistStatus | undefined },
): Promise<Page<WaitlistView>> => {
  await authorize(deps, orgId, principal, 'booking.read');
  if (!(await deps.sessions.get(orgId, sessionId))) throw notFound('session');
  const page = await deps.waitlist.listBySession(orgId, sessionId, query.status, query);
  return { items: await viewsOf(deps, page.items), nextCursor: page.nextCursor };
};

/** The caller's entries across organizations, newest first. */
export const listMyWaitlist = async (
  deps: Pick<Deps, 'events' | 'forecasts' | 'waitlist'>,
  principal: Principal,
  page: PageRequest,
): Promise<Page<WaitlistView>> => {
  const found = await deps.waitlist.listByUser(principal.sub, page);
  return { items: await viewsOf(deps, found.items), nextCursor: found.nextCursor };
};
