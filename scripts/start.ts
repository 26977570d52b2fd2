import { parseArgs } from 'node:util';
import { DEFAULT_KEY_FILE } from './local/auth.js';
import { fail, parsePort, silenceSdkNodeWarning } from './local/cli.js';
import { type LocalRuntime, startLocalRuntime } from './local/runtime.js';
import { DEV_USERS, type DevUser } from './local/seed.js';

/**
 * `npm start`: the whole backend on this machine. Flags: --in-memory (no data kept on disk),
 * --data-dir <dir> (where DynamoDB Local keeps its file). PORT picks the HTTP port (default 3000).
 */

const TOKEN_TTL_SECONDS = 12 * 3600;
const DEFAULT_DATA_DIR = '.data/dynamodb';

const { values: flags } = parseArgs({
  options: { 'in-memory': { type: 'boolean', default: false }, 'data-dir': { type: 'string' } },
});
// `npm start --in-memory` (without `--`) hands the flag to npm, which passes it on as npm_config_*.
const npmFlag = (name: string): string | undefined => process.env[`npm_config_${name}`];
const inMemory = (flags['in-memory'] ?? false) || npmFlag('in_memory') === 'true';
const dataDir = flags['data-dir'] ?? npmFlag('data_dir') ?? DEFAULT_DATA_DIR;
const port = parsePort(process.env.PORT, 3000);

let runtime: LocalRuntime | undefined;
let stopping = false;

/** Ctrl-C / SIGTERM: stop everything (Java included) and exit 0, also in the middle of a start. */
const shutdown = async (): Promise<void> => {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping…');
  await runtime?.stop();
  // If the start is still under way, exiting runs the exit hook that kills the Java child by PID.
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);

const mintDevTokens = async (rt: LocalRuntime): Promise<Record<DevUser, string>> => {
  const entries = await Promise.all(
    (Object.keys(DEV_USERS) as DevUser[]).map(
      async (who) => [who, await rt.mintToken({ ...DEV_USERS[who], ttlSeconds: TOKEN_TTL_SECONDS })] as const,
    ),
  );
  return Object.fromEntries(entries) as Record<DevUser, string>;
};

const banner = (rt: LocalRuntime, tokens: Record<DevUser, string>, seconds: string): string => {
  const url = `http://localhost:${rt.port}`;
  const user = (who: DevUser): string =>
    `  ${who.padEnd(6)} ${DEV_USERS[who].sub} <${DEV_USERS[who].email}>\n    ${tokens[who]}`;
  const minting =
    'npm run token -- --sub alice --email alice@example.com [--name Alice] [--ttl 3600] [--unverified]';
  return [
    '',
    `Evently local API ready in ${seconds}s`,
    `  URL       ${url}`,
    `  Docs      ${url}/docs`,
    `  Data      ${inMemory ? 'in memory (gone when you stop)' : `${dataDir} (kept across restarts)`}`,
    `  Files     ${rt.s3Endpoint} (s3rver), bucket ${rt.materialsBucket}${inMemory ? '' : ' in .data/s3'}`,
    `  Demo org  ${rt.demoOrgId ?? '(not seeded, see the warning above)'}`,
    '',
    `Tokens (valid ${TOKEN_TTL_SECONDS / 3600} h):`,
    user('owner'),
    user('staff'),
    user('user'),
    '',
    'Try:',
    `  curl -H "Authorization: Bearer ${tokens.owner}" ${url}/v1/me/memberships`,
    '',
    `More tokens: ${minting}`,
    'Ctrl-C stops everything.',
    '',
  ].join('\n');
};

const main = async (): Promise<void> => {
  silenceSdkNodeWarning();
  const started = performance.now();
  // The dev key file even --in-memory: `npm run token`, another process, signs with it.
  runtime = await startLocalRuntime({ port, inMemory, dataDir, seed: true, keyFile: DEFAULT_KEY_FILE });
  if (stopping) return;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(banner(runtime, await mintDevTokens(runtime), seconds));
};

main().catch((error: Error) => {
  // PortInUseError and friends carry a message meant for humans; a stack trace would bury it.
  fail(`npm start failed: ${error.message}`);
});
