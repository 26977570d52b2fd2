import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { Deps } from '../../../kernel/domain/deps.js';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { unlessConditionFails } from '../../../kernel/dynamo/transactions.js';

/**
 * The local issuer's refresh tokens: opaque random values, stored only as their keyed hash
 * (HMAC with the sign-in key), each refreshing once (a refresh marks it used and issues the next),
 * until its deadline or a sign-out. The phone the id token names is sealed (AES-256-GCM) under a
 * key derived from the token, so the item alone gives it away to nobody.
 */

export interface RefreshOwner {
  subject: string;
  phone: string;
}

const hashOf = (key: string, token: string): string =>
  createHmac('sha256', key).update(`refresh-token#${token}`).digest('base64url');

const sealKey = (key: string, token: string): Buffer =>
  createHmac('sha256', key).update(`refresh-seal#${token}`).digest();

const seal = (key: Buffer, text: string): string => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
};

const unseal = (key: Buffer, sealed: string): string | null => {
  const bytes = Buffer.from(sealed, 'base64url');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
};

export const localRefreshTokens = (service: EventlyService, deps: Pick<Deps, 'signInSettings' | 'clock'>) => {
  const { signInRefreshToken } = service.entities;
  return {
    /** A new refresh token for `owner`. */
    async issue(owner: RefreshOwner): Promise<string> {
      const key = await deps.signInSettings.key();
      const token = randomBytes(32).toString('base64url');
      const expiresMs = deps.clock.now().getTime() + deps.signInSettings.policy.refreshTtlMs;
      await signInRefreshToken
        .create({
          tokenHash: hashOf(key, token),
          subject: owner.subject,
          sealedPhone: seal(sealKey(key, token), owner.phone),
          expiresAt: new Date(expiresMs).toISOString(),
          ttl: Math.ceil(expiresMs / 1000),
        })
        .go();
      return token;
    },

    /** Uses `token` up: its owner when it was known, unused, unrevoked and in time; else null. */
    async redeem(token: string): Promise<RefreshOwner | null> {
      const key = await deps.signInSettings.key();
      const tokenHash = hashOf(key, token);
      const { data } = await signInRefreshToken.get({ tokenHash }).go({ consistent: true });
      const now = deps.clock.now();
      if (!data || data.usedAt || data.revokedAt || Date.parse(data.expiresAt) <= now.getTime()) return null;
      const phone = unseal(sealKey(key, token), data.sealedPhone);
      if (phone === null) return null;
      // Of two refreshes with one token at once, one gets the next token.
      const used = await unlessConditionFails(
        signInRefreshToken
          .patch({ tokenHash })
          .set({ usedAt: now.toISOString() })
          .where((a, { notExists }) => `${notExists(a.usedAt)} AND ${notExists(a.revokedAt)}`)
          .go(),
      );
      return used ? { subject: data.subject, phone } : null;
    },

    /** Revokes `token`; an unknown or already revoked one is left as it is. */
    async revoke(token: string): Promise<void> {
      const tokenHash = hashOf(await deps.signInSettings.key(), token);
      await unlessConditionFails(
        signInRefreshToken
          .patch({ tokenHash })
          .set({ revokedAt: deps.clock.now().toISOString() })
          .where((a, { notExists }) => notExists(a.revokedAt))
          .go(),
      );
    },
  };
};
