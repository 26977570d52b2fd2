import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * A local key's seed `{"seed": "<random>"}` in a file under .data/ (kept across restarts), or in a
 * temporary folder when nothing may be written there. The deployed stack keeps the same JSON in
 * Secrets Manager.
 */
export const localSeedFile = async (
  name: string,
  options: { inMemory?: boolean | undefined },
): Promise<string> => {
  const file = options.inMemory
    ? join(await mkdtemp(join(tmpdir(), 'evently-keys-')), name)
    : resolve(import.meta.dirname, '../../.data', name);
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (!existing) {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify({ seed: randomBytes(32).toString('base64url') }), { mode: 0o600 });
  }
  return file;
};

/**
 * The local webhook key (kept across restarts, so subscriptions' secrets stay the same). Local
 * endpoints may be plain http://localhost.
 */
export const localWebhookKey = async (options: { inMemory?: boolean | undefined } = {}) => ({
  env: {
    WEBHOOK_KEY_FILE: await localSeedFile('webhook-key.json', options),
    WEBHOOK_ALLOW_LOCAL_HTTP: 'true',
  },
});
