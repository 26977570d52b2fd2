import type { Deps } from '../../../kernel/domain/deps.js';
import { checkAuditDay } from '../../audit/index.js';
import { trainForecastModel } from '../../forecasts/index.js';
import { sendTaskReminders } from '../../tasks/index.js';
import { finishIfComplete } from './nightly-finish.js';
import {
  type ChunkResult,
  chunkLimit,
  dayBefore,
  type NightlyRun,
  type NightlyTotals,
  sessionSummaryOf,
  walkPage,
} from './nightly-model.js';

type OrgDeps = Pick<
  Deps,
  | 'orgs'
  | 'nightlyRuns'
  | 'nightlyQueue'
  | 'sessions'
  | 'forecasts'
  | 'auditSummaries'
  | 'auditChains'
  | 'auditAlarm'
  | 'tasks'
  | 'clock'
>;

/** Run records are kept this long, then removed by DynamoDB's TTL. */
const keepDays = 35;

const newRun = (orgId: string, night: string, now: Date): NightlyRun => ({
  orgId,
  night,
  step: 0,
  phase: 'walking',
  cursor: null,
  walked: false,
  sessions: 0,
  chunksSent: 0,
  chunksDone: 0,
  trainedOn: 0,
  startedAt: now.toISOString(),
  finishedAt: null,
  totals: null,
});

export const runTtl = (now: Date): number => Math.floor(now.getTime() / 1000) + keepDays * 86_400;

/**
 * Step 0: the audit trail of the day before checked (its hash chains, docs/audit.md), the due task
 * reminders sent (each once: docs/tasks.md), then the forecast model, trained on every ended
 * session the organization recorded.
 */
const train = async (deps: OrgDeps, run: NightlyRun) => {
  await checkAuditDay(deps, run.orgId, dayBefore(run.night));
  await sendTaskReminders(deps, run.orgId);
  const outcomes = await deps.forecasts.outcomes(run.orgId);
  if (outcomes.length > 0) {
    const model = trainForecastModel(outcomes, deps.clock.now());
    await deps.forecasts.putModel(run.orgId, { night: run.night, sessions: outcomes.length, model });
  }
  return deps.nightlyRuns.advance(run, {
    cursor: null,
    walked: false,
    sessions: 0,
    chunksSent: 0,
    trainedOn: outcomes.length,
  });
};

/** Steps 1, 2, ...: the next page of sessions, sent on in chunks. */
const walk = async (deps: OrgDeps, run: NightlyRun) => {
  const page = await deps.sessions.pageOfOrg(run.orgId, walkPage, run.cursor ?? undefined);
  const chunks = [];
  for (let i = 0; i < page.sessions.length; i += chunkLimit) {
    chunks.push({
      type: 'nightly.sessions' as const,
      orgId: run.orgId,
      night: run.night,
      // The same step of the same run lists the same page: a chunk sent twice has one name.
      chunk: `${run.step}.${i / chunkLimit}`,
      sessions: page.sessions.slice(i, i + chunkLimit).map(sessionSummaryOf),
    });
  }
  // Sent before the step is recorded: a crash in between sends them again under the same names.
  await deps.nightlyQueue.send(chunks);
  return deps.nightlyRuns.advance(run, {
    cursor: page.cursor,
    walked: page.cursor === null,
    sessions: page.sessions.length,
    chunksSent: chunks.length,
  });
};

/**
 * One step of an organization's run for a night, if the run is at that step. The run moves on
 * by a write conditional on its step, so of two deliveries of a step only one moves it; a step
 * whose next message was lost (the run moved on, the send failed) sends it again.
 */
export const runOrgStep = async (
  deps: OrgDeps,
  msg: { orgId: string; night: string; step: number },
): Promise<'done' | 'next' | 'skipped'> => {
  const now = deps.clock.now();
  const stored = await deps.nightlyRuns.get(msg.orgId, msg.night);
  // An organization being deleted (or gone) gets no run: its cascade is removing what it would read.
  if (!stored && (await deps.orgs.get(msg.orgId))?.status !== 'active') return 'skipped';
  const run =
    stored ?? (msg.step === 0 ? await deps.nightlyRuns.start(newRun(msg.orgId, msg.night, now)) : undefined);
  if (!run || run.phase === 'done') return 'skipped';
  if (run.step === msg.step + 1 && !run.walked) {
    await deps.nightlyQueue.send([
      { type: 'nightly.org', orgId: run.orgId, night: run.night, step: run.step },
    ]);
    return 'next';
  }
  if (run.step !== msg.step) return 'skipped';
  const after = run.step === 0 ? await train(deps, run) : await walk(deps, run);
  if (!after) return 'skipped';
  if (!after.walked) {
    await deps.nightlyQueue.send([
      { type: 'nightly.org', orgId: run.orgId, night: run.night, step: after.step },
    ]);
    return 'next';
  }
  return (await finishIfComplete(deps, after)) ? 'done' : 'next';
};

export type { ChunkResult, NightlyTotals };
