import type { EventAnalyticsHead, SessionAnalytics } from './model.js';

/** The stored snapshot of an event's analytics: a head item and one item per session. */
export interface AnalyticsStore {
  /**
   * Writes the head and each session's figures whole (a second write of the same replaces them),
   * only while the event and each session are not being deleted: a session being deleted is left
   * out; false when the event is gone or being deleted (nothing more is written).
   */
  put(head: EventAnalyticsHead, sessions: readonly SessionAnalytics[]): Promise<boolean>;
  /** The head and every session's figures; undefined when no snapshot was ever written. */
  get(
    orgId: string,
    eventId: string,
  ): Promise<{ head: EventAnalyticsHead; sessions: SessionAnalytics[] } | undefined>;
  /** Removes the figures of these sessions (sessions no longer in the event). */
  removeSessions(orgId: string, eventId: string, sessionIds: readonly string[]): Promise<void>;
  /** Deletes up to `limit` items of the event's snapshot; fewer means none are left. */
  purgeEvent(orgId: string, eventId: string, limit: number): Promise<number>;
}
