import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { CONTENTION_ENV } from './options.js';
import { raceTestFiles } from './race-tests.js';

/**
 * `npm run test:contention [-- files or vitest options]`: the race tests (or the files named)
 * through vitest with the contention model on. DYNAMODB_CONTENTION_* variables set its knobs.
 */
const args = process.argv.slice(2);
const named = args.filter((a) => !a.startsWith('-'));
const files = named.length > 0 ? named : [...raceTestFiles];
const options = args.filter((a) => a.startsWith('-'));

const vitest = resolve(import.meta.dirname, '../../node_modules/.bin/vitest');
const child = spawn(vitest, ['run', ...files, ...options], {
  stdio: 'inherit',
  env: { ...process.env, [CONTENTION_ENV]: 'on' },
});
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 1 : 0);
});
