import { type AccessDeps, authorize } from '../../../kernel/domain/access.js';
import type { Deps } from '../../../kernel/domain/deps.js';
import { notFound } from '../../../kernel/domain/errors.js';
import type { Principal } from '../../../kernel/domain/types.js';
import { type CategoryOutlook, categoryOutlook } from './category-outlook.js';
import type { StoredForecast } from './forecast-ports.js';

export interface SessionForecastView extends StoredForecast {
  sessionId: string;
  /** Events that sell ticket categories: the fill forecast shared out over them (category-outlook.ts). */
  categories: CategoryOutlook[];
}

/**
 * A session's latest forecast, for its organizers, with what it means for each ticket category of
 * its event (none when it sells none). A session the nightly run has not forecast
 * (it starts beyond the forecast horizon, has started, or the organization has no history yet)
 * answers 404 `forecast`.
 */
export const readSessionForecast = async (
  deps: Pick<Deps, 'categories' | 'events' | 'forecasts' | 'sessions'> & AccessDeps,
  principal: Principal,
  ref: { orgId: string; sessionId: string },
): Promise<SessionForecastView> => {
  await authorize(deps, ref.orgId, principal, 'forecast.read');
  const [session, stored] = await Promise.all([
    deps.sessions.get(ref.orgId, ref.sessionId),
    deps.forecasts.getForecast(ref.orgId, ref.sessionId),
  ]);
  if (!session) throw notFound('session');
  if (!stored) throw notFound('forecast');
  return { sessionId: ref.sessionId, ...stored, categories: await outlookOf(deps, session, stored) };
};

/** The category outlook of a session whose event sells categories, on its counters as they are now. */
const outlookOf = async (
  deps: Pick<Deps, 'categories' | 'events'>,
  session: { orgId: string; eventId: string; sessionId: string; capacity: number },
  stored: StoredForecast,
): Promise<CategoryOutlook[]> => {
  const event = await deps.events.get(session.orgId, session.eventId);
  if (!event || event.categoryCount === 0) return [];
  const [categories, counts] = await Promise.all([
    deps.categories.listByEvent(session.orgId, session.eventId),
    deps.categories.countsOf(session.orgId, session.sessionId),
  ]);
  return categoryOutlook({
    capacity: session.capacity,
    fillRate: stored.forecast.figures.fillRate,
    categories: categories.map(({ categoryId, name, quota }) => ({ categoryId, name, quota })),
    taken: new Map([...counts].map(([id, c]) => [id, c.taken])),
  });
};
