import { describe, expect, it } from 'vitest';
import { loadDevSigner } from '../../scripts/local/auth.js';

describe('the local token signer', () => {
  const alice = { sub: 'alice', email: 'alice@example.com' };

  it('mints email_verified: true unless told otherwise, and the verifier carries it through', async () => {
    const signer = await loadDevSigner({ inMemory: true });
    const verified = await signer.verifyToken(await signer.mintToken(alice));
    expect(verified).toMatchObject({ ok: true, claims: { ...alice, email_verified: true } });
    const unverified = await signer.verifyToken(await signer.mintToken({ ...alice, emailVerified: false }));
    expect(unverified).toMatchObject({ ok: true, claims: { ...alice, email_verified: false } });
  });
});
