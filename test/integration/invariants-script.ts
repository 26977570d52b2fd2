import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

/** What an operator runs: `npm run check:invariants` itself, in a child process, on one table. */

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');

export const runCheckScript = async (
  location: { tableName: string; endpoint: string },
  ...args: string[]
): Promise<{ code: number; stdout: string }> => {
  const tsx = resolve(root, 'node_modules/.bin/tsx');
  const flags = [
    'scripts/check-invariants.ts',
    '--table',
    location.tableName,
    '--endpoint',
    location.endpoint,
    ...args,
  ];
  try {
    const { stdout } = await run(tsx, flags, { cwd: root });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
};
