import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * DynamoDB Local listens on a port picked at random, so `npm start` writes the endpoint of a kept
 * database into its data directory; offline tools (`npm run check:invariants`) read it from there.
 */

const DEFAULT_DATA_DIR = '.data/dynamodb';
const FILE_NAME = 'endpoint';

const fileIn = (dataDir: string | undefined): string => join(resolve(dataDir ?? DEFAULT_DATA_DIR), FILE_NAME);

/** Writes the record and returns what removes it again (on stop: a stale endpoint would mislead). */
export const recordEndpoint = (dataDir: string | undefined, endpoint: string): (() => void) => {
  const file = fileIn(dataDir);
  writeFileSync(file, `${endpoint}\n`);
  return () => rmSync(file, { force: true });
};

/** The endpoint of the running `npm start` that keeps its data in `dataDir`, if any. */
export const readRecordedEndpoint = (dataDir?: string): string | undefined => {
  try {
    return readFileSync(fileIn(dataDir), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
};
