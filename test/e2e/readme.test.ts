import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useLocalRuntime } from '../support/local-runtime.js';

/**
 * The README's curl setup and examples, run as printed (only the URL is swapped for this
 * runtime's), twice: every curl must answer 2xx. Tokens come from `npm run token` with the dev key
 * file, as a developer gets them, so the runtime signs with that key rather than an in-memory one.
 */

const root = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const run = promisify(execFile);

const block = (name: string): string => {
  const match = readme.match(
    new RegExp(`<!-- ${name}:start -->\\s*\`\`\`bash\\n([\\s\\S]*?)\`\`\`\\s*<!-- ${name}:end -->`),
  );
  if (!match?.[1]) throw new Error(`README has no ${name} block`);
  return match[1];
};

// Any non-2xx answer fails the curl, and with it the script.
const strictCurl = 'set -euo pipefail\ncurl() { command curl --fail-with-body "$@"; }\n';

describe('README curl examples', () => {
  // As `npm start` runs: the consumer thread from the TypeScript sources, not the run's bundle.
  const rt = useLocalRuntime({ inMemory: false, seed: true, consumerThreadBundle: undefined });

  // Two rounds of the whole walk-through, each bounded by its script's own timeout.
  it('work as printed, top to bottom and again', async () => {
    const blocks = ['curl-setup', 'curl-examples', 'curl-catalog', 'curl-bookings', 'curl-payments']
      .map(block)
      .join('\n');
    const script = `${strictCurl}${blocks}`.replaceAll('http://localhost:3000', rt.url);
    for (const round of [1, 2]) {
      const { stdout } = await run('bash', ['-c', script], { cwd: root, timeout: 120_000 }).catch(
        (error: { stdout: string; stderr: string }) => {
          throw new Error(`round ${round} failed:\n${error.stdout}\n${error.stderr}`);
        },
      );
      expect(stdout, `round ${round}`).toContain('{"status":"ok"}');
      expect(stdout, `round ${round}`).toContain('"status":"deleting"');
      // The waitlist offer was accepted: Grace's held place is confirmed.
      expect(stdout, `round ${round}`).toContain('"status":"accepted"');
      expect(stdout, `round ${round}`).toContain('"type":"waitlist.offered"');
      // Paid through the local provider's checkout and its webhook (the confirmation in the
      // booking's history is the provider's), then refunded in full.
      expect(stdout, `round ${round}`).toContain('"reason":"paid"');
      expect(stdout, `round ${round}`).toContain('"by":"provider:stripe"');
      expect(stdout, `round ${round}`).toContain('"providerRefundId":"re_');
      expect(stdout, `round ${round}`).toContain('"refundedAmount":5000');
    }
    const owner = await rt.mintToken({ sub: 'dev-owner', email: 'owner@demo.local' });
    const orgId = rt.runtime.demoOrgId;
    const members = await rt.call<{ items: { userId: string; role: string }[] }>(
      'GET',
      `/v1/orgs/${orgId}/members`,
      { token: owner },
    );
    expect(members.json.items.map((m) => [m.userId, m.role]).sort()).toEqual([
      ['dev-owner', 'owner'],
      ['dev-staff', 'organizer'],
    ]);
  }, 300_000);
});
