import { addTotals, averagesOf, emptyTotals } from '../../feedback/index.js';
import { eventTotalsOf } from './compute.js';
import type { EventAnalytics, EventAnalyticsHead, SessionAnalytics } from './model.js';

/** The event's analytics as read: its stored head and sessions, totals and averages added. */
export const eventAnalyticsOf = (
  head: EventAnalyticsHead,
  sessions: readonly SessionAnalytics[],
): EventAnalytics => {
  const ordered = [...sessions].sort(
    (a, b) => a.startsAt.localeCompare(b.startsAt) || a.sessionId.localeCompare(b.sessionId),
  );
  const eventFeedback = head.eventFeedback ?? emptyTotals(null);
  const sessionFeedback = (s: SessionAnalytics) => s.feedback ?? emptyTotals(s.sessionId);
  return {
    orgId: head.orgId,
    eventId: head.eventId,
    computedAt: head.computedAt,
    totals: eventTotalsOf(ordered),
    feedback: {
      all: averagesOf(addTotals(null, [eventFeedback, ...ordered.map(sessionFeedback)])),
      eventLevel: averagesOf(eventFeedback),
    },
    sessions: ordered.map((s) => ({ ...s, feedback: averagesOf(sessionFeedback(s)) })),
  };
};
