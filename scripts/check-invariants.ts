/**
 * `npm run check:invariants [-- --table <name>] [--endpoint <url>] [--data-dir <dir>] [--json]
 * [--sweep-interval-seconds <s>] [--settle-seconds <s>]`: reads the whole table and checks the
 * invariants of every session (capacity counter balance, counter against bookings, seat labels
 * against seat items, no outbox item pending longer than the relay's sweep interval, 90 s by
 * default: the deployed one-minute sweep plus its 30 s grace; the local runtime sweeps every 5 s;
 * money: payment orders against bookings, transactions and refund requests; the door: admissions
 * against bookings and scan records).
 * The table may still be written: a violating session is read again until two reads in a row
 * agree (invariants/settled-check.ts), for at most `--settle-seconds` (default 30); one still
 * changing then is printed as a note, not as a violation. Prints one line per violation and exits
 * 1, or a summary and exits 0. Defaults: the `npm start` table (`evently-local`) on the DynamoDB
 * Local that `npm start` runs (its endpoint is recorded in the data directory);
 * `DYNAMODB_ENDPOINT` or `--endpoint` point elsewhere.
 */
import { parseArgs } from 'node:util';
import { checkInvariantsSettled, type SettledReport } from './invariants/settled-check.js';
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
    'settle-seconds': { type: 'string', default: '30' },
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

const summary = (r: SettledReport): string =>
  `${r.sessions} sessions, ${r.bookings} bookings (${r.liveBookings} live), ${r.seatItems} seat items, ` +
  `${r.paymentOrders} payment orders; ${r.checks.length} checks; ${r.rounds} ${r.rounds === 1 ? 'read' : 'reads'}` +
  // Not violations (confirmed by staff, or before payments existed): named so they are not unseen.
  (r.paidWithoutOrder > 0
    ? `; ${r.paidWithoutOrder} paid bookings without a payment order (not checked)`
    : '') +
  (r.admissions > 0 ? `; ${r.admissions} admissions` : '') +
  (r.insideAfterCancel > 0
    ? `; ${r.insideAfterCancel} tickets inside whose booking was cancelled after the entry (not violations)`
    : '') +
  (r.unsettledSessions.length > 0 ? `; ${r.unsettledSessions.length} sessions unsettled` : '');

const unsettledNote = (s: { orgId: string; sessionId: string }, seconds: number): string =>
  `note: org=${s.orgId} session=${s.sessionId} : violating but still changing after ${seconds} s of ` +
  're-reads, so not reported; run again when the table is quieter';

/** A number of seconds from a flag, or exit 2 naming the flag. */
const seconds = (
  flag: 'sweep-interval-seconds' | 'settle-seconds',
  min: 'positive' | 'non-negative',
): number => {
  const value = Number(flags[flag]);
  const ok = Number.isFinite(value) && (min === 'positive' ? value > 0 : value >= 0);
  return ok ? value : fail(`--${flag} must be a ${min} number`, 2);
};

const main = async (): Promise<void> => {
  silenceSdkNodeWarning();
  const location = { tableName: flags.table, endpoint: endpointOf() };
  const interval = seconds('sweep-interval-seconds', 'positive');
  const settle = seconds('settle-seconds', 'non-negative');
  const report = await checkInvariantsSettled(location, {
    stuckAfterMs: interval * 1000,
    settleTimeoutMs: settle * 1000,
  });
  if (flags.json) console.log(JSON.stringify({ ...location, ...report }, null, 2));
  else {
    for (const v of report.violations) console.log(formatViolation(v));
    for (const s of report.unsettledSessions) console.log(unsettledNote(s, settle));
    console.log(
      report.ok
        ? `invariants hold on ${location.tableName}: ${summary(report)}`
        : `${report.violations.length} violations on ${location.tableName}: ${summary(report)}`,
    );
  }
  // Unsettled sessions do not fail the run: none of their violations is known to be real.
  process.exitCode = report.ok ? 0 : 1;
};

main().catch((error: Error) => fail(`check:invariants failed: ${error.message}`, 2));
