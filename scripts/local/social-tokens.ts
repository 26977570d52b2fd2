import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const DEFAULT_DIR = resolve(import.meta.dirname, '../../.data/social-tokens');

/**
 * Where the local runtime keeps social accounts' tokens (one file per secret): under .data/ (kept
 * across restarts like the table that names them), or a temporary folder when nothing may be
 * written there. The deployed stack keeps them in Secrets Manager.
 */
export const localSocialTokensDir = async (options: { inMemory?: boolean | undefined } = {}) => {
  const dir = options.inMemory ? await mkdtemp(join(tmpdir(), 'evently-social-')) : DEFAULT_DIR;
  return { env: { SOCIAL_TOKENS_DIR: dir } };
};
