import type { Deps } from '../../../kernel/domain/deps.js';
import { everyPage } from '../../../kernel/domain/every-page.js';
import type { FeedbackTotals } from '../../feedback/index.js';
import { type SessionFactsHead, sessionAnalyticsOf } from './compute.js';
import type { EventAnalyticsHead, SessionAnalytics } from './model.js';

/**
 * Computing and storing figures: each session's facts read through the owning modules' ports
 * (Queries by session, never a Scan), the figures written whole. Shared by the on-demand refresh
 * and the nightly step.
 */

type FactDeps = Pick<Deps, 'bookings' | 'waitlist' | 'admissionReads' | 'payments'>;
export type RefreshDeps = FactDeps & Pick<Deps, 'analytics' | 'events' | 'feedback' | 'clock'>;

/** Sessions worked on at once: a few requests in flight, not a burst. */
const inParallel = 5;

const inGroups = async <T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> => {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += inParallel) {
    out.push(...(await Promise.all(items.slice(i, i + inParallel).map(work))));
  }
  return out;
};

/** One session's figures, from its facts. */
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
 * feedback, the time). Whole-item writes: running it twice writes the same. Undefined when the
 * event turned out to be gone or being deleted when written.
 */
export const refreshSessions = async (
  deps: RefreshDeps,
  orgId: string,
  eventId: string,
  sessions: readonly SessionFactsHead[],
): Promise<SessionAnalytics[] | undefined> => {
  const now = deps.clock.now();
  const totals = await deps.feedback.totalsOfEvent(orgId, eventId);
  const bySession = new Map(totals.map((t) => [t.sessionId, t]));
  const figures = await inGroups(sessions, (s) =>
    computeSession(deps, orgId, s, bySession.get(s.sessionId), now),
  );
  const head: EventAnalyticsHead = {
    orgId,
    eventId,
    eventFeedback: bySession.get(null) ?? null,
    computedAt: now.toISOString(),
  };
  // The event marked for deletion meanwhile: nothing is kept (its cascade purges what came before).
  return (await deps.analytics.put(head, figures)) ? figures : undefined;
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
    refreshed += (await refreshSessions(deps, orgId, eventId, of))?.length ?? 0;
  }
  return refreshed;
};
