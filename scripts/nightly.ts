/**
 * `npm run nightly -- [--night YYYY-MM-DD] [--table <name>] [--endpoint <url>] [--data-dir <dir>]
 * [--json]`: runs a night of the nightly run (docs/nightly.md) now, in this process, against the
 * `npm start` table on its DynamoDB Local (or `--endpoint`): every organization's counters
 * recounted, its forecasts and session outcomes written, the day's audit summary written. A night
 * already run is skipped; `--night` names another. The running `npm start` also consumes the
 * nightly queue: a `{"type":"nightly.tick"}` sent there runs the same code.
 */
import { parseArgs } from 'node:util';
import type { ChunkResult } from '../functions/modules/nightly/domain/nightly-model.js';
import { containerFor, tableOptions } from './local/table-target.js';
import { driveNight } from './nightly/drive-night.js';

const { values: flags } = parseArgs({
  options: { ...tableOptions, night: { type: 'string' }, json: { type: 'boolean', default: false } },
});

const drive = await driveNight(containerFor(flags).deps, flags.night ? { night: flags.night } : {});
const chunks = drive.outcomes.flatMap((o) => (o.type === 'nightly.sessions' && o.result ? [o.result] : []));
const sum = (f: (r: ChunkResult) => number) => chunks.reduce((n, r) => n + f(r), 0);
const summary = {
  night: flags.night ?? null,
  organizations: drive.outcomes.reduce((n, o) => n + (o.type === 'nightly.tick' ? o.orgs : 0), 0),
  sessions: sum((r) => r.sessions),
  reconciled: sum((r) => r.reconciled),
  drifts: chunks.flatMap((r) => r.drifts),
  forecasts: sum((r) => r.forecasts),
  outcomes: sum((r) => r.outcomes),
  auditRecords: sum((r) => r.audit.total),
  seconds: Math.round(drive.wallMs) / 1000,
};
if (flags.json) console.log(JSON.stringify(summary));
else {
  for (const d of summary.drifts)
    console.log(`session=${d.sessionId} held ${d.held} confirmed ${d.confirmed}: ${d.outcome}`);
  console.log(
    `${summary.organizations} organizations, ${summary.sessions} sessions: ${summary.reconciled} recounted ` +
      `(${summary.drifts.length} drifts), ${summary.forecasts} forecast, ${summary.outcomes} outcomes recorded, ` +
      `${summary.auditRecords} audit records summarized in ${summary.seconds} s`,
  );
}
