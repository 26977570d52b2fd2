import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import { authorizeForEvent, type EventAccessDeps } from '../../../kernel/domain/event-access.js';
import { everyPage } from '../../../kernel/domain/every-page.js';
import type { Principal } from '../../../kernel/domain/types.js';
import type { EventAnalytics } from './model.js';
import { type RefreshDeps, refreshSessions } from './refresh.js';
import { eventAnalyticsOf } from './view.js';

/**
 * An event's analytics (docs/analytics.md): recomputed on demand (`analytics.read`, which the
 * event's team grants with `view_analytics`) and read back from the stored snapshot with the
 * event's totals. The nightly run refreshes them too (refresh.ts).
 */

const eventOf = async (deps: Pick<Deps, 'events'>, orgId: string, eventId: string) => {
  const event = await deps.events.get(orgId, eventId);
  if (!event) throw notFound('event');
  return event;
};

/**
 * Recomputes the whole event now: every session it has (the figures of a session no longer in
 * the event are removed), then answers the snapshot.
 */
export const refreshEventAnalytics = async (
  deps: RefreshDeps & Pick<Deps, 'sessions'> & EventAccessDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
): Promise<EventAnalytics> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'analytics.read');
  const event = await eventOf(deps, orgId, eventId);
  const deleting = () => new DomainError('EVENT_DELETING', 'the event is being deleted');
  if (event.deleting) throw deleting();
  const [sessions, before] = await Promise.all([
    everyPage((page) => deps.sessions.listByEvent(orgId, eventId, page)),
    deps.analytics.get(orgId, eventId),
  ]);
  const live = sessions.filter((s) => !s.deleting);
  if (!(await refreshSessions(deps, orgId, eventId, live))) throw deleting();
  const kept = new Set(live.map((s) => s.sessionId));
  const gone = (before?.sessions ?? []).map((s) => s.sessionId).filter((id) => !kept.has(id));
  if (gone.length > 0) await deps.analytics.removeSessions(orgId, eventId, gone);
  const stored = await deps.analytics.get(orgId, eventId);
  if (!stored) throw notFound('analytics');
  return eventAnalyticsOf(stored.head, stored.sessions);
};

/** The stored snapshot with the event's totals; NOT_FOUND until a refresh or a night computed it. */
export const getEventAnalytics = async (
  deps: Pick<Deps, 'analytics' | 'events'> & EventAccessDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
): Promise<EventAnalytics> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'analytics.read');
  await eventOf(deps, orgId, eventId);
  const stored = await deps.analytics.get(orgId, eventId);
  if (!stored) throw notFound('analytics');
  return eventAnalyticsOf(stored.head, stored.sessions);
};
