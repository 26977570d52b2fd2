/**
 * `npm run verify:audit [-- --table <name>] [--endpoint <url>] [--data-dir <dir>] [--json]
 * [--grace-seconds <s>]`: checks the audit trail's hash chains (modules/audit/domain/audit-chain.ts)
 * of every organization and day in the table. A record edited or removed, a chain whose head is
 * ahead of its records, or a record left unsealed longer than the grace (300 s by default) is
 * printed with the record it names, and the exit code is 1; a clean trail exits 0. Defaults: the
 * `npm start` table on the DynamoDB Local it runs; `DYNAMODB_ENDPOINT` or `--endpoint` point elsewhere.
 */
import { parseArgs } from 'node:util';
import { describeProblem } from '../functions/modules/audit/domain/audit-verification.js';
import { verifyAuditTable } from './audit/verify.js';
import { fail, silenceSdkNodeWarning } from './local/cli.js';
import { readRecordedEndpoint } from './local/endpoint-record.js';
import { DEFAULT_TABLE_NAME } from './local/runtime.js';

const { values: flags } = parseArgs({
  options: {
    table: { type: 'string', default: DEFAULT_TABLE_NAME },
    endpoint: { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean', default: false },
    'grace-seconds': { type: 'string', default: '300' },
  },
});

const main = async (): Promise<void> => {
  silenceSdkNodeWarning();
  const endpoint =
    flags.endpoint ??
    process.env.DYNAMODB_ENDPOINT ??
    readRecordedEndpoint(flags['data-dir']) ??
    fail(
      'no DynamoDB endpoint: start `npm start` (without --in-memory), or pass --endpoint http://127.0.0.1:<port>',
      2,
    );
  const grace = Number(flags['grace-seconds']);
  if (!Number.isFinite(grace) || grace < 0) fail('--grace-seconds must be a non-negative number', 2);
  const result = await verifyAuditTable({ tableName: flags.table, endpoint }, { graceMs: grace * 1000 });
  if (flags.json) console.log(JSON.stringify(result, null, 2));
  else {
    for (const p of result.problems) console.log(describeProblem(p));
    console.log(
      `${result.records} audit records over ${result.days} organization-days: ${
        result.problems.length === 0 ? 'every chain intact' : `${result.problems.length} problems`
      }`,
    );
  }
  process.exitCode = result.problems.length === 0 ? 0 : 1;
};

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error), 2));
