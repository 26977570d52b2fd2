import type { Page, PageRequest } from '../../../kernel/domain/types.js';
import type { Feedback, FeedbackTotals } from './model.js';

export interface FeedbackStore {
  /**
   * In one transaction: the feedback, the mark of its giver (`giverKey`, a one-way key of the
   * attendee and the scope, created only where none is: once per attendee and scope) and its
   * ratings added to its scope's totals. False when the giver's mark exists (feedback given before).
   */
  create(feedback: Feedback, giverKey: string): Promise<boolean>;
  /** A page of the event's feedback, or of one session's (`sessionId`), by scope and time. */
  list(
    orgId: string,
    eventId: string,
    sessionId: string | undefined,
    page: PageRequest,
  ): Promise<Page<Feedback>>;
  /** The totals of every scope of the event that has feedback (its sessions', and its own). */
  totalsOfEvent(orgId: string, eventId: string): Promise<FeedbackTotals[]>;
  /**
   * The totals of each of these sessions that has feedback, whatever their event: what a speaker's
   * averages are built from (the sessions they speak in).
   */
  averagesOfSessions(orgId: string, sessionIds: readonly string[]): Promise<FeedbackTotals[]>;
  /** Deletes up to `limit` feedback items, marks and totals of the event; fewer means none are left. */
  purgeEvent(orgId: string, eventId: string, limit: number): Promise<number>;
  /** Deletes up to `limit` feedback items, marks and totals of one session; fewer means none are left. */
  purgeSession(orgId: string, sessionId: string, limit: number): Promise<number>;
}
