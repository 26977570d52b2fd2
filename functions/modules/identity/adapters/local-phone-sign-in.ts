import { createHmac, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { importJWK, type JWK, SignJWT } from 'jose';
import type { EventlyService } from '../../../kernel/dynamo/service.js';
import { unlessConditionFails } from '../../../kernel/dynamo/transactions.js';
import type { PhoneSignIn, SignInOutcome, SignInTokens } from '../domain/ports.js';
import { codeAnswers, issueSignInCode, type SignInCodeDeps } from '../domain/sign-in-code.js';
import { phoneRef } from '../domain/sign-in-rules.js';
import { localRefreshTokens, type RefreshOwner } from './local-refresh-tokens.js';

/**
 * Phone sign-in offline: the local runtime's own issuer behind the same port as Cognito. No
 * Cognito emulator on the registry runs the custom authentication flow (docs/identity.md), so the
 * challenge is an item of the table and the tokens are signed with the dev key the local JWT
 * authorizer verifies, as the issuer and for the audience it accepts: the API takes them exactly
 * like minted ones. The code steps are the module's own (`sign-in-code.ts`), as Cognito's triggers run them.
 * Refresh tokens are the issuer's own too (`local-refresh-tokens.ts`): rotated on each refresh.
 */

export interface LocalIssuer {
  keyFile: string;
  issuer: string;
  audience: string;
}

const tokenTtlSeconds = 3600;
/** Kept a day after its start, past any deadline; DynamoDB's TTL removes it later. */
const keepSeconds = 24 * 3600;

/** The user of a phone: a keyed hash, the same on every sign-in with that number (Cognito's `sub`). */
const subjectOf = (key: string, phone: string): string =>
  `phone_${createHmac('sha256', key).update(`phone-user#${phone}`).digest('hex').slice(0, 32)}`;

const signerOf = async (issuer: LocalIssuer) => {
  const jwk = JSON.parse(await readFile(issuer.keyFile, 'utf8')) as JWK;
  return { key: await importJWK(jwk, 'ES256'), kid: jwk.kid };
};

const mint = async (
  issuer: LocalIssuer,
  { subject: sub, phone }: RefreshOwner,
  refreshToken: string,
): Promise<SignInTokens> => {
  const { key, kid } = await signerOf(issuer);
  const token = (claims: Record<string, unknown>) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', ...(kid ? { kid } : {}) })
      .setSubject(sub)
      .setIssuer(issuer.issuer)
      .setAudience(issuer.audience)
      .setIssuedAt()
      .setExpirationTime(`${tokenTtlSeconds}s`)
      .sign(key);
  return {
    idToken: await token({ token_use: 'id', phone_number: phone, phone_number_verified: true }),
    accessToken: await token({ token_use: 'access', scope: 'openid phone' }),
    refreshToken,
    expiresIn: tokenTtlSeconds,
  };
};

export const localPhoneSignIn = (
  service: EventlyService,
  deps: SignInCodeDeps,
  issuer: LocalIssuer,
): PhoneSignIn => {
  const { signInChallenge } = service.entities;
  const refreshTokens = localRefreshTokens(service, deps);
  const signedIn = async (owner: RefreshOwner): Promise<SignInTokens> =>
    mint(issuer, owner, await refreshTokens.issue(owner));
  return {
    async start({ phone }) {
      const session = randomBytes(24).toString('base64url');
      const challenge = await issueSignInCode(deps, { phone, nonce: session });
      const ref = phoneRef(await deps.signInSettings.key(), phone);
      const ttl = Math.floor(deps.clock.now().getTime() / 1000) + keepSeconds;
      const { codeHash, expiresAt, attempts } = challenge;
      await signInChallenge.create({ session, phoneRef: ref, codeHash, expiresAt, attempts, ttl }).go();
      return { session };
    },

    async verify({ phone, session, code }): Promise<SignInOutcome> {
      const refused = { refused: true, session: null } as const;
      const { data } = await signInChallenge.get({ session }).go({ consistent: true });
      const key = await deps.signInSettings.key();
      if (!data || data.phoneRef !== phoneRef(key, phone)) return refused;
      const { maxAttempts } = deps.signInSettings.policy;
      // The try is counted before the code is compared: a sixth try finds no room, right code or not.
      const counted = await unlessConditionFails(
        signInChallenge
          .patch({ session })
          .add({ attempts: 1 })
          .where((a, { lt, notExists }) => `${lt(a.attempts, maxAttempts)} AND ${notExists(a.usedAt)}`)
          .go(),
      );
      if (!counted) return refused;
      const challenge = { ...data, usedAt: data.usedAt ?? null };
      if (!(await codeAnswers(deps, challenge, { phone, nonce: session }, code))) return refused;
      // Single use: of two right answers at once, one signs in.
      const spent = await unlessConditionFails(
        signInChallenge
          .patch({ session })
          .set({ usedAt: deps.clock.now().toISOString() })
          .where((a, { notExists }) => notExists(a.usedAt))
          .go(),
      );
      return spent ? { tokens: await signedIn({ subject: subjectOf(key, phone), phone }) } : refused;
    },

    async refresh(refreshToken) {
      const owner = await refreshTokens.redeem(refreshToken);
      return owner ? { tokens: await signedIn(owner) } : { refused: true };
    },

    signOut: (refreshToken) => refreshTokens.revoke(refreshToken),
  };
};
