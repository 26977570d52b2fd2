import { parseArgs } from 'node:util';
import { DEFAULT_KEY_FILE, loadDevSigner } from './local/auth.js';
import { fail } from './local/cli.js';

/**
 * `npm run token -- --sub alice --email alice@example.com [--name Alice] [--ttl 3600] [--unverified]`:
 * prints a token signed with the dev key in .data/dev-key.json, which a running `npm start`
 * accepts. The token says the email is verified unless `--unverified` is given (then the API
 * ignores the email, as it does for such tokens of a real provider).
 * Only the token goes to stdout, so `TOKEN=$(npm run -s token -- ...)` works.
 */

const USAGE = [
  'usage: npm run token -- --sub <sub> --email <email> [--name <name>] [--ttl <seconds>] [--unverified]',
  '  --unverified   mint email_verified: false (the API then ignores the email)',
].join('\n');

const parse = () => {
  try {
    return parseArgs({
      options: {
        sub: { type: 'string' },
        email: { type: 'string' },
        name: { type: 'string' },
        ttl: { type: 'string', default: '3600' },
        unverified: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`, 2);
  }
};

const { sub, email, name, ttl, unverified } = parse();
if (!sub || !email) fail(USAGE, 2);
const ttlSeconds = Number(ttl);
if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0)
  fail(`--ttl must be a positive number of seconds\n${USAGE}`, 2);

const signer = await loadDevSigner({ keyFile: DEFAULT_KEY_FILE });
console.log(
  await signer.mintToken({
    sub: sub as string,
    email: email as string,
    ttlSeconds,
    ...(name ? { name } : {}),
    ...(unverified ? { emailVerified: false } : {}),
  }),
);
