import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound } from '../../../kernel/domain/errors.js';
import { authorizeForEvent, type EventAccessDeps } from '../../../kernel/domain/event-access.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import { emptyTotals, type FeedbackTotals } from '../../feedback/index.js';
import { eventAnalyticsOf, type SessionFactsHead, sessionAnalyticsOf } from './compute.js';
import type { EventAnalytics, SessionAnalytics } from './model.js';

/**
 * An event's analytics (docs/analytics.md): computed from the facts the other modules store,
 * through their ports (Queries by session, never a Scan), written as a snapshot on demand
 * (`analytics.read`) and by the nightly run, and read back with the event's totals.
 */

type FactDeps = Pick<Deps, 'bookings' | 'waitlist' | 'admissionReads' | 'payments'>;
type RefreshDeps = FactDeps & Pick<Deps, 'analytics' | 'events' | 'feedback' | 'sessions' | 'clock'>;

/** Largest page of the listings read here. */
const pageSize = 100;
/** Sessions worked on at once: a few requests in flight, not a burst. */
const inParallel = 5;

const everyPage = async <T>(read: (page: PageRequest) => Promise<Page<T>>): Promise<T[]> => {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read({ limit: pageSize, cursor });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
};

const inGroups = async <T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> => {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += inParallel) {
    out.push(...(await Promise.all(items.slice(i, i + inParallel).map(work))));
  }
  return out;
};

/** One session's figures, from its facts read through the owning modules' ports. */
const computeSession = async (
  deps: FactDeps,
  orgId: string,
  session: SessionFactsHead,
  feedback: FeedbackTotals | undefined,
  now: Date,
): Promise<SessionAnalytics> => {
  const { sessionId } = session;
  const [bookings, entries, admissions, orders] = await Promise.all([
    everyPage((page) => deps.bookings.listBySession(orgId, sessionId, page)),
    everyPage((page) => deps.waitlist.listBySession(orgId, sessionId, undefined, page)),
    deps.admissionReads.sessionAdmissions(orgId, sessionId),
    deps.payments.listBySession(orgId, sessionId),
  ]);
  return sessionAnalyticsOf({ session, bookings, entries, admissions, orders, feedback }, now);
};

/**
 * Computes and stores the figures of these sessions of one event, and the event's head (its own
 * feedback, the time). Whole-item writes: running it twice writes the same.
 */
const refreshSessions = async (
  deps: RefreshDeps,
  orgId: string,
  eventId: string,
  sessions: readonly SessionFactsHead[],
): Promise<SessionAnalytics[]> => {
  const now = deps.clock.now();
  const totals = await deps.feedback.totalsOfEvent(orgId, eventId);
  const bySession = new Map(totals.map((t) => [t.sessionId, t]));
  const figures = await inGroups(sessions, (s) =>
    computeSession(deps, orgId, s, bySession.get(s.sessionId), now),
  );
  const head = {
    orgId,
    eventId,
    eventFeedback: bySession.get(null) ?? emptyTotals(null),
    computedAt: now.toISOString(),
  };
  await deps.analytics.put(head, figures);
  return figures;
};

const eventOf = async (deps: Pick<Deps, 'events'>, orgId: string, eventId: string) => {
  const event = await deps.events.get(orgId, eventId);
  if (!event) throw notFound('event');
  return event;
};

/**
 * Recomputes the whole event now: every session it has (a session's figures left from a session
 * no longer in the event are removed), then answers the snapshot.
 */
export const refreshEventAnalytics = async (
  deps: RefreshDeps & EventAccessDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
): Promise<EventAnalytics> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'analytics.read');
  const event = await eventOf(deps, orgId, eventId);
  if (event.deleting) throw new DomainError('EVENT_DELETING', 'the event is being deleted');
  const [sessions, before] = await Promise.all([
    everyPage((page) => deps.sessions.listByEvent(orgId, eventId, page)),
    deps.analytics.get(orgId, eventId),
  ]);
  const live = sessions.filter((s) => !s.deleting);
  await refreshSessions(deps, orgId, eventId, live);
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

/** What the nightly run gives: a chunk's sessions, whatever their events. */
export type NightlySession = SessionFactsHead & { eventId: string; deleting: boolean };

/**
 * The nightly step: refreshes the figures of a chunk's sessions, event by event (each event's
 * head with them). Sessions being deleted, and events missing or being deleted, are left alone.
 * Safe to run twice: every write is a whole item computed from the facts.
 */
export const refreshChunkAnalytics = async (
  deps: RefreshDeps,
  orgId: string,
  sessions: readonly NightlySession[],
): Promise<number> => {
  const byEvent = new Map<string, NightlySession[]>();
  for (const s of sessions.filter((x) => !x.deleting)) {
    byEvent.set(s.eventId, [...(byEvent.get(s.eventId) ?? []), s]);
  }
  let refreshed = 0;
  for (const [eventId, of] of byEvent) {
    const event = await deps.events.get(orgId, eventId);
    if (!event || event.deleting) continue;
    refreshed += (await refreshSessions(deps, orgId, eventId, of)).length;
  }
  return refreshed;
};
