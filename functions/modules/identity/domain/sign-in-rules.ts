import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * The rules of phone one-time codes, shared by both sign-in implementations (Cognito's custom
 * authentication triggers in AWS, the local issuer offline): six random digits, stored only as a
 * keyed hash bound to the phone and the challenge, valid five minutes, five tries per challenge,
 * and fixed-window rate limits per phone and per caller IP.
 */

export interface SignInPolicy {
  digits: number;
  codeTtlMs: number;
  /** Wrong tries a challenge takes; the next try is refused even with the right code. */
  maxAttempts: number;
  /** Starts per phone number per window... */
  phoneStarts: { limit: number; windowMs: number };
  /** ...and per caller IP per window. */
  ipStarts: { limit: number; windowMs: number };
  /** Refreshes and sign-outs per caller IP per window. */
  ipTokenCalls: { limit: number; windowMs: number };
  /** How long a refresh token of the local issuer refreshes (Cognito's app client says its own). */
  refreshTtlMs: number;
}

export const defaultSignInPolicy: SignInPolicy = {
  digits: 6,
  codeTtlMs: 5 * 60_000,
  maxAttempts: 5,
  phoneStarts: { limit: 5, windowMs: 15 * 60_000 },
  ipStarts: { limit: 20, windowMs: 60_000 },
  // A client refreshes about once an hour; sixty a minute from one address is a loop or an attack.
  ipTokenCalls: { limit: 60, windowMs: 60_000 },
  refreshTtlMs: 30 * 24 * 3600_000,
};

/** A cryptographically random code of `digits` digits (leading zeros kept). */
export const newSignInCode = (digits = defaultSignInPolicy.digits): string =>
  String(randomInt(10 ** digits)).padStart(digits, '0');

/** What a code is bound to: the phone and the challenge (the local session, or Cognito's nonce). */
export interface CodeBinding {
  phone: string;
  nonce: string;
}

/** The stored form of a code: HMAC-SHA256 keyed with the tenant's sign-in key. */
export const signInCodeHash = (key: string, binding: CodeBinding, code: string): string =>
  createHmac('sha256', key)
    .update(`phone-code#${binding.phone}#${binding.nonce}#${code}`)
    .digest('base64url');

export const sameHash = (a: string, b: string): boolean => {
  const x = Buffer.from(a, 'base64url');
  const y = Buffer.from(b, 'base64url');
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * What logs and stored items name a phone by: a keyed hash, so neither the log nor the table gives
 * the number away (an unkeyed hash of a phone number is found by trying them all).
 */
export const phoneRef = (key: string, phone: string): string =>
  createHmac('sha256', key).update(`phone-ref#${phone}`).digest('base64url').slice(0, 16);

/** One challenge: the code's hash, its deadline, the tries taken, whether it signed someone in. */
export interface SignInChallenge {
  codeHash: string;
  expiresAt: string;
  attempts: number;
  usedAt: string | null;
}

export type ChallengeStanding = 'open' | 'used' | 'expired' | 'exhausted';

/** Whether a challenge may take one more try now. */
export const standingOf = (
  challenge: SignInChallenge,
  nowMs: number,
  policy: Pick<SignInPolicy, 'maxAttempts'> = defaultSignInPolicy,
): ChallengeStanding => {
  if (challenge.usedAt !== null) return 'used';
  if (Date.parse(challenge.expiresAt) <= nowMs) return 'expired';
  if (challenge.attempts >= policy.maxAttempts) return 'exhausted';
  return 'open';
};

/** A fixed window: the one `nowMs` falls in, and the seconds until it ends. */
export const windowOf = (nowMs: number, windowMs: number): { start: number; retryAfterSeconds: number } => {
  const start = nowMs - (nowMs % windowMs);
  return { start, retryAfterSeconds: Math.max(1, Math.ceil((start + windowMs - nowMs) / 1000)) };
};

/**
 * Cognito's define-auth-challenge rule over the session so far: tokens after a right answer, a
 * failure once `maxAttempts` answers were wrong, else (another) custom challenge.
 */
export type ChallengeStep = 'issue-tokens' | 'fail' | 'challenge';

export const nextChallengeStep = (
  answers: readonly { challengeResult: boolean }[],
  policy: Pick<SignInPolicy, 'maxAttempts'> = defaultSignInPolicy,
): ChallengeStep => {
  const last = answers.at(-1);
  if (last?.challengeResult) return 'issue-tokens';
  return answers.length >= policy.maxAttempts ? 'fail' : 'challenge';
};
