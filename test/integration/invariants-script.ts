import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';

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

/** Runs the checker on the test table and expects it to find every invariant holding; its report. */
export const expectInvariantsHold = async (tableName: string): Promise<string> => {
  const { code, stdout } = await runCheckScript({
    tableName,
    endpoint: process.env.DYNAMODB_ENDPOINT as string,
  });
  expect(stdout).toContain('invariants hold');
  expect(code).toBe(0);
  return stdout;
};
