/**
 * `npm run check:invariants [-- --table <name>] [--endpoint <url>] [--data-dir <dir>] [--json]
 * [--sweep-interval-seconds <s>]`: reads the whole table and checks the invariants of every
 * session (capacity counter balance, counter against bookings, seat labels against seat items,
 * no outbox item pending longer than the relay's sweep interval, 90 s by default: the deployed
 * one-minute sweep plus its 30 s grace; the local runtime sweeps every 5 s). Prints one line per
 * violation and exits 1, or a summary and exits 0. Defaults: the `npm start` table
 * (`evently-local`) on the DynamoDB Local that `npm start` runs (its endpoint is recorded in the
 * data directory); `DYNAMODB_ENDPOINT` or `--endpoint` point elsewhere.
 */
import { parseArgs } from 'node:util';
import { checkInvariants, defaultChecks, type InvariantReport } from './invariants/check.js';
import { scanTable } from './invariants/scan.js';
import { formatViolation } from './invariants/violation.js';
import { fail, silenceSdkNodeWarning } from './local/cli.js';
import { readRecordedEndpoint } from './local/endpoint-record.js';
import { DEFAULT_TABLE_NAME } from './local/runtime.js';

const { values: flags } = parseArgs({
  options: {
    table: { type: 'string', default: DEFAULT_TABLE_NAME },
    endpoint: { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean', default: false },
    'sweep-interval-seconds': { type: 'string', default: '90' },
  },
});

const endpointOf = (): string =>
  flags.endpoint ??
  process.env.DYNAMODB_ENDPOINT ??
  readRecordedEndpoint(flags['data-dir']) ??
  fail(
    'no DynamoDB endpoint: start `npm start` (without --in-memory), or pass --endpoint http://127.0.0.1:<port>',
    2,
  );

const summary = (r: InvariantReport): string =>
  `${r.sessions} sessions, ${r.bookings} bookings (${r.liveBookings} live), ${r.seatItems} seat items; ` +
  `${r.checks.length} checks`;

const main = async (): Promise<void> => {
  silenceSdkNodeWarning();
  const location = { tableName: flags.table, endpoint: endpointOf() };
  const interval = Number(flags['sweep-interval-seconds']);
  if (!Number.isFinite(interval) || interval <= 0)
    fail('--sweep-interval-seconds must be a positive number', 2);
  const report = checkInvariants(await scanTable(location), defaultChecks(new Date(), interval * 1000));
  if (flags.json) console.log(JSON.stringify({ ...location, ...report }, null, 2));
  else if (report.ok) console.log(`invariants hold on ${location.tableName}: ${summary(report)}`);
  else {
    for (const v of report.violations) console.log(formatViolation(v));
    console.log(`${report.violations.length} violations on ${location.tableName}: ${summary(report)}`);
  }
  process.exitCode = report.ok ? 0 : 1;
};

main().catch((error: Error) => fail(`check:invariants failed: ${error.message}`, 2));
