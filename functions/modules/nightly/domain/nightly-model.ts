import type { AuditTally } from '../../audit/index.js';
import type { SessionDrift } from '../../bookings/index.js';
import type { Session } from '../../catalog/index.js';

/**
 * The nightly run (docs/nightly.md): a tick lists the tenant's organizations; each organization's
 * run trains its forecast model, then walks its sessions a page per step and hands them on in
 * chunks; each chunk recounts the counters of the upcoming sessions, forecasts those within the
 * horizon, records the outcome of the ended ones and counts the day's audit records. When every
 * chunk is done, the run writes the day's audit summary and its totals.
 */

/** Sessions per chunk message: a chunk's work stays a few seconds. */
export const chunkLimit = 25;
/** Sessions listed per walk step (each step sends this many / `chunkLimit` chunks). */
export const walkPage = 250;
/** Organizations listed per tick step. */
export const tickPage = 100;

/** What a chunk needs of a session (carried in its message, so the chunk reads no session). */
export interface SessionSummary {
  sessionId: string;
  eventId: string;
  venueId: string;
  startsAt: string;
  endsAt: string;
  timezone: string;
  capacity: number;
  /** Of `capacity`, the places overbooking added. */
  overbooked: number;
  status: 'scheduled' | 'cancelled';
  deleting: boolean;
}

export const sessionSummaryOf = (s: Session): SessionSummary => ({
  sessionId: s.sessionId,
  eventId: s.eventId,
  venueId: s.venueId,
  startsAt: s.startsAt,
  endsAt: s.endsAt,
  timezone: s.timezone,
  capacity: s.capacity,
  overbooked: s.overbooked,
  status: s.status,
  deleting: s.deleting,
});

export type NightlyMessage =
  /** From the rule (no night: the night is the day it is handled, UTC), or a tick's next page. */
  | { type: 'nightly.tick'; night?: string; cursor?: string }
  /** Runs step `step` of the organization's run, if the run is at that step. */
  | { type: 'nightly.org'; orgId: string; night: string; step: number }
  | { type: 'nightly.sessions'; orgId: string; night: string; chunk: string; sessions: SessionSummary[] };

export interface NightlyRun {
  orgId: string;
  night: string;
  /** 0: train the model; 1, 2, ...: walk the next page of sessions. */
  step: number;
  phase: 'walking' | 'done';
  cursor: string | null;
  walked: boolean;
  sessions: number;
  chunksSent: number;
  chunksDone: number;
  trainedOn: number;
  startedAt: string;
  finishedAt: string | null;
  totals: NightlyTotals | null;
}

/** What one chunk found and did. */
export interface ChunkResult {
  sessions: number;
  reconciled: number;
  drifts: SessionDrift[];
  forecasts: number;
  /** Sessions whose overbooked places changed. */
  overbookings: number;
  outcomes: number;
  audit: AuditTally;
}

export interface NightlyTotals {
  sessions: number;
  reconciled: number;
  drifts: number;
  corrected: number;
  short: number;
  forecasts: number;
  overbookings: number;
  outcomes: number;
  auditRecords: number;
}

export interface NightlyRunStore {
  /** Creates the run unless it exists; returns the stored one. */
  start(run: NightlyRun): Promise<NightlyRun>;
  /** The run as stored (strongly consistent). */
  get(orgId: string, night: string): Promise<NightlyRun | undefined>;
  /**
   * Moves the run from `step` to `step + 1`, adding `sessions` and `chunksSent`; undefined when
   * it was not at `step` (another delivery of the step got there first). Returns the run after.
   */
  advance(
    run: NightlyRun,
    change: {
      cursor: string | null;
      walked: boolean;
      sessions: number;
      chunksSent: number;
      trainedOn?: number;
    },
  ): Promise<NightlyRun | undefined>;
  /** Whether the chunk's result is recorded. */
  chunkDone(orgId: string, night: string, chunk: string): Promise<boolean>;
  /** Records the chunk's result and counts it on its run, together and once (false: already recorded). */
  finishChunk(orgId: string, night: string, chunk: string, result: ChunkResult, at: string): Promise<boolean>;
  chunkResults(orgId: string, night: string): Promise<ChunkResult[]>;
  /** Marks the run done with its totals (again: no change). */
  finish(orgId: string, night: string, totals: NightlyTotals, at: string): Promise<void>;
  /** Deletes up to `limit` run records of an organization (its cascade delete); fewer means none are left. */
  purgeOrg(orgId: string, limit: number): Promise<number>;
}

export interface NightlyQueue {
  send(messages: readonly NightlyMessage[]): Promise<void>;
}

/** Tenant settings of the nightly run. */
export interface NightlySettings {
  /** Sessions starting within this many days are forecast. */
  forecastDays: number;
}

/** The UTC day of an instant (YYYY-MM-DD). */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

/** The UTC day before `day`. */
export const dayBefore = (day: string): string =>
  utcDay(new Date(Date.parse(`${day}T00:00:00.000Z`) - 86_400_000));
