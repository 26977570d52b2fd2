/**
 * `npm run reconcile -- --org <orgId> [--table <name>] [--endpoint <url>] [--data-dir <dir>]
 * [--json]`: recounts the counters of the organization's scheduled sessions that have not started
 * from their bookings (bookings/domain/counter-reconciliation.ts): gives back places no live
 * booking holds (left by a booking cut off between its take and its transaction) when no booking
 * may still be in flight, and reports a counter short of its bookings without touching it. Prints
 * one line per drift and exits 1 when a counter is short, else 0. Defaults: the `npm start` table
 * on the DynamoDB Local that `npm start` runs; `--endpoint` (or `DYNAMODB_ENDPOINT`) points
 * elsewhere, and without one the AWS account of the environment is used.
 */
import { parseArgs } from 'node:util';
import { reconcileCounters } from '../functions/modules/bookings/domain/counter-reconciliation.js';
import { fail } from './local/cli.js';
import { containerFor, tableOptions } from './local/table-target.js';

const { values: flags } = parseArgs({
  options: { ...tableOptions, org: { type: 'string' }, json: { type: 'boolean', default: false } },
});

const orgId =
  flags.org ?? fail('usage: npm run reconcile -- --org <orgId> [--table <name>] [--endpoint <url>]', 2);
const report = await reconcileCounters(containerFor(flags).deps, orgId);
if (flags.json) console.log(JSON.stringify({ orgId, ...report }));
else {
  for (const d of report.drifts)
    console.log(`org=${orgId} session=${d.sessionId} held ${d.held} confirmed ${d.confirmed}: ${d.outcome}`);
  console.log(`${report.sessions} sessions recounted, ${report.drifts.length} with a drift`);
}
process.exit(report.drifts.some((d) => d.outcome === 'short') ? 1 : 0);
