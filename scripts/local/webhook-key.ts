import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const DEFAULT_KEY_FILE = resolve(import.meta.dirname, '../../.data/webhook-key.json');

/**
 * The local webhook key: a seed in a file under .data/ (kept across restarts, so subscriptions'
 * secrets stay the same), or in a temporary folder when nothing may be written there. The deployed
 * stack keeps the same JSON in Secrets Manager. Local endpoints may be plain http://localhost.
 */
export const localWebhookKey = async (options: { inMemory?: boolean | undefined } = {}) => {
  const file = options.inMemory
    ? join(await mkdtemp(join(tmpdir(), 'evently-webhooks-')), 'webhook-key.json')
    : DEFAULT_KEY_FILE;
  const existing = await readFile(file, 'utf8').catch(() => undefined);
  if (!existing) {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify({ seed: randomBytes(32).toString('base64url') }), { mode: 0o600 });
  }
  return { env: { WEBHOOK_KEY_FILE: file, WEBHOOK_ALLOW_LOCAL_HTTP: 'true' } };
};
