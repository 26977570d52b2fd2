import type { Deps } from '../../functions/kernel/domain/deps.js';
import type { ChunkResult } from '../../functions/modules/nightly/domain/nightly-model.js';
import type { NightDrive } from '../nightly/drive-night.js';
import type { PlantedDrift } from './drift.js';
import type { NightTotals } from './figures.js';
import type { Tenant } from './tenant.js';

/**
 * What a night must have done, checked after it: every organization's run is done with every
 * session walked and every chunk it sent done; every planted drift was found and its places given
 * back (the counter again equals the live bookings, the claim gone), and no other drift was found;
 * a night with a model forecast sessions. Answers the failures (empty: all held) and the totals.
 */
export const verifyNight = async (
  deps: Deps,
  tenant: Tenant,
  drive: NightDrive,
  night: string,
  planted: readonly PlantedDrift[],
): Promise<{ failures: string[]; totals: NightTotals }> => {
  const failures: string[] = [];
  const chunks = drive.outcomes.flatMap((o) => (o.type === 'nightly.sessions' && o.result ? [o.result] : []));
  const sum = (f: (r: ChunkResult) => number) => chunks.reduce((n, r) => n + f(r), 0);
  const drifts = chunks.flatMap((r) => r.drifts);
  let trainedOn = 0;
  for (const org of tenant.orgs) {
    const run = await deps.nightlyRuns.get(org.orgId, night);
    if (!run) {
      failures.push(`${org.name}: no run for ${night}`);
      continue;
    }
    trainedOn += run.trainedOn;
    if (run.phase !== 'done') failures.push(`${org.name}: run ${run.phase}, not done`);
    if (run.sessions !== org.sessions)
      failures.push(`${org.name}: run walked ${run.sessions} sessions of ${org.sessions}`);
    if (run.chunksDone !== run.chunksSent)
      failures.push(`${org.name}: ${run.chunksDone} chunks done of ${run.chunksSent} sent`);
  }
  const expected = new Set(planted.map((p) => p.sessionId));
  for (const d of drifts) {
    if (!expected.has(d.sessionId)) failures.push(`unexpected drift on ${d.sessionId}: ${JSON.stringify(d)}`);
    else if (d.outcome !== 'corrected') failures.push(`drift on ${d.sessionId} left ${d.outcome}`);
  }
  const found = new Set(drifts.map((d) => d.sessionId));
  for (const p of planted) {
    if (!found.has(p.sessionId)) failures.push(`planted drift on ${p.sessionId} not found`);
    const counter = await deps.sessions.getCounter(p.orgId, p.sessionId);
    const live = await deps.bookings.liveSeats(p.orgId, p.sessionId);
    if (!counter || counter.held !== live.held || counter.confirmed !== live.confirmed)
      failures.push(
        `counter of ${p.sessionId} ${JSON.stringify(counter)} against bookings ${JSON.stringify(live)}`,
      );
    const claims = await deps.counterRepairs.claims(p, '0000');
    if (claims.stale.length + claims.young > 0) failures.push(`claims left on ${p.sessionId}`);
  }
  const totals: NightTotals = {
    organizations: drive.outcomes.reduce((n, o) => n + (o.type === 'nightly.tick' ? o.orgs : 0), 0),
    sessions: sum((r) => r.sessions),
    reconciled: sum((r) => r.reconciled),
    drifts: drifts.length,
    corrected: drifts.filter((d) => d.outcome === 'corrected').length,
    forecasts: sum((r) => r.forecasts),
    outcomes: sum((r) => r.outcomes),
    auditRecords: sum((r) => r.audit.total),
    trainedOn,
  };
  if (totals.sessions !== tenant.sessions)
    failures.push(`the chunks worked on ${totals.sessions} sessions of ${tenant.sessions}`);
  if (trainedOn > 0 && totals.forecasts === 0) failures.push('a trained model forecast no session');
  return { failures, totals };
};
