import type { Deps } from '../../../kernel/domain/deps.js';
import { mergeTallies } from '../../audit/index.js';
import { type ChunkResult, dayBefore, type NightlyRun, type NightlyTotals } from './nightly-model.js';

export const totalsOf = (results: readonly ChunkResult[]): NightlyTotals => {
  const sum = (f: (r: ChunkResult) => number) => results.reduce((n, r) => n + f(r), 0);
  const drifts = results.flatMap((r) => r.drifts);
  return {
    sessions: sum((r) => r.sessions),
    reconciled: sum((r) => r.reconciled),
    drifts: drifts.length,
    corrected: drifts.filter((d) => d.outcome === 'corrected').length,
    short: drifts.filter((d) => d.outcome === 'short').length,
    forecasts: sum((r) => r.forecasts),
    overbookings: sum((r) => r.overbookings),
    outcomes: sum((r) => r.outcomes),
    auditRecords: sum((r) => r.audit.total),
  };
};

/**
 * Once the walk is over and every chunk it sent is done: the audit summary of the day before the
 * night, and the run's totals. Whoever sees the run complete (the last chunk, or the walk's last
 * step when its chunks were quicker) writes them; both writes are whole items, so two writers
 * write the same.
 */
export const finishIfComplete = async (
  deps: Pick<Deps, 'nightlyRuns' | 'auditSummaries' | 'clock'>,
  run: NightlyRun,
): Promise<boolean> => {
  if (run.phase === 'done' || !run.walked || run.chunksDone < run.chunksSent) return false;
  const results = await deps.nightlyRuns.chunkResults(run.orgId, run.night);
  const at = deps.clock.now().toISOString();
  const day = dayBefore(run.night);
  await deps.auditSummaries.put({
    orgId: run.orgId,
    day,
    generatedAt: at,
    ...mergeTallies(results.map((r) => r.audit)),
  });
  await deps.nightlyRuns.finish(run.orgId, run.night, totalsOf(results), at);
  return true;
};
