import type { Deps } from '../../../kernel/domain/deps.js';
import { refreshChunkAnalytics } from '../../analytics/index.js';
import { type AuditTally, mergeTallies, tallyOf } from '../../audit/index.js';
import { reconcileSession, type SessionDrift } from '../../bookings/index.js';
import { type EventSettings, overbookSession } from '../../catalog/index.js';
import { type ForecastModel, forecastSession, type SessionForecast } from '../../forecasts/index.js';
import { finishIfComplete } from './nightly-finish.js';
import { type ChunkResult, dayBefore, type SessionSummary } from './nightly-model.js';
import { overbookingPlaces } from './overbooking.js';
import { sessionOutcomeOf, weekdayAt } from './session-outcomes.js';

type ChunkDeps = Pick<
  Deps,
  | 'nightlyRuns'
  | 'forecasts'
  | 'auditSummaries'
  | 'auditRecords'
  | 'counterRepairs'
  | 'bookings'
  | 'waitlist'
  | 'admissionReads'
  | 'nightlySettings'
  | 'sessions'
  | 'events'
  | 'venues'
  | 'analytics'
  | 'feedback'
  | 'payments'
  | 'clock'
>;

/** Sessions of a chunk worked on at once: a few requests in flight, not a burst. */
const inParallel = 5;
const dayMs = 86_400_000;

interface SessionResult {
  reconciled: boolean;
  drift?: SessionDrift;
  forecast: boolean;
  overbooking: boolean;
  outcome: boolean;
  audit: AuditTally;
}

interface ChunkContext {
  orgId: string;
  night: string;
  now: Date;
  model: ForecastModel | undefined;
  recorded: Set<string>;
  /** Each event's settings, read once per chunk. */
  settingsOf: (eventId: string) => Promise<EventSettings | undefined>;
}

/** The session's overbooked places brought to what its forecast and its event allow; true if changed. */
const overbook = async (
  deps: ChunkDeps,
  c: ChunkContext,
  s: SessionSummary,
  forecast: SessionForecast | undefined,
): Promise<boolean> => {
  const percent = (await c.settingsOf(s.eventId))?.overbookingPercent ?? 0;
  if (percent === 0 && s.overbooked === 0) return false;
  // No-shows forecast from no door scans at all are no evidence: no overbooking on them.
  const seen = forecast !== undefined && forecast.basis.noShowRate.sessions > 0;
  const places = overbookingPlaces(
    s.capacity - s.overbooked,
    percent,
    seen ? forecast.figures.noShowRate.low : undefined,
  );
  if (places === s.overbooked) return false;
  return (await overbookSession(deps, c.orgId, s.sessionId, places)).changed;
};

const workOn = async (deps: ChunkDeps, c: ChunkContext, s: SessionSummary): Promise<SessionResult> => {
  const nowIso = c.now.toISOString();
  const horizon = new Date(c.now.getTime() + deps.nightlySettings.forecastDays * dayMs).toISOString();
  const upcoming = s.status === 'scheduled' && !s.deleting && s.startsAt > nowIso;
  const ended = s.status === 'scheduled' && !s.deleting && s.endsAt <= nowIso;
  const drift = upcoming ? await reconcileSession(deps, c.orgId, s.sessionId) : undefined;
  const soon = upcoming && s.startsAt <= horizon;
  const figures =
    soon && c.model
      ? forecastSession(c.model, { ...s, weekday: weekdayAt(s.startsAt, s.timezone) }, c.now)
      : undefined;
  if (figures) await deps.forecasts.putForecast(c.orgId, s.sessionId, { night: c.night, forecast: figures });
  const overbooking = soon ? await overbook(deps, c, s, figures) : false;
  let outcome = false;
  if (ended && !c.recorded.has(s.sessionId)) {
    await deps.forecasts.putOutcome(c.orgId, await sessionOutcomeOf(deps, c.orgId, s), nowIso);
    outcome = true;
  }
  const facts = await deps.auditRecords.ofDay(c.orgId, s.sessionId, dayBefore(c.night));
  return {
    reconciled: upcoming,
    ...(drift ? { drift } : {}),
    forecast: figures !== undefined,
    overbooking,
    outcome,
    audit: tallyOf(facts),
  };
};

/**
 * One chunk of an organization's sessions for a night (nightly-model.ts): a chunk already done
 * is not worked on again; its result and its count on the run are written together and once.
 * Every piece of its work is itself repeatable (a recount, whole-item writes), so a chunk that
 * dies half-way is simply run again.
 */
export const runChunk = async (
  deps: ChunkDeps,
  msg: { orgId: string; night: string; chunk: string; sessions: readonly SessionSummary[] },
): Promise<ChunkResult | undefined> => {
  const { orgId, night } = msg;
  if (await deps.nightlyRuns.chunkDone(orgId, night, msg.chunk)) {
    const run = await deps.nightlyRuns.get(orgId, night);
    if (run) await finishIfComplete(deps, run);
    return undefined;
  }
  const [stored, recorded] = await Promise.all([
    deps.forecasts.getModel(orgId),
    deps.forecasts.recordedOutcomes(
      orgId,
      msg.sessions.map((s) => s.sessionId),
    ),
  ]);
  const settings = new Map<string, Promise<EventSettings | undefined>>();
  const settingsOf = (eventId: string) => {
    let read = settings.get(eventId);
    if (!read) {
      read = deps.events.get(orgId, eventId).then((e) => e?.settings);
      settings.set(eventId, read);
    }
    return read;
  };
  const context: ChunkContext = {
    orgId,
    night,
    now: deps.clock.now(),
    model: stored?.model,
    recorded,
    settingsOf,
  };
  const results: SessionResult[] = [];
  for (let i = 0; i < msg.sessions.length; i += inParallel) {
    const group = msg.sessions.slice(i, i + inParallel);
    results.push(...(await Promise.all(group.map((s) => workOn(deps, context, s)))));
  }
  // The analytics of the chunk's sessions, event by event (whole items: a rerun writes the same).
  await refreshChunkAnalytics(deps, orgId, msg.sessions);
  const result: ChunkResult = {
    sessions: results.length,
    reconciled: results.filter((r) => r.reconciled).length,
    drifts: results.flatMap((r) => (r.drift ? [r.drift] : [])),
    forecasts: results.filter((r) => r.forecast).length,
    overbookings: results.filter((r) => r.overbooking).length,
    outcomes: results.filter((r) => r.outcome).length,
    audit: mergeTallies(results.map((r) => r.audit)),
  };
  const at = deps.clock.now().toISOString();
  if (await deps.nightlyRuns.finishChunk(orgId, night, msg.chunk, result, at)) {
    const run = await deps.nightlyRuns.get(orgId, night);
    if (run) await finishIfComplete(deps, run);
  }
  return result;
};
