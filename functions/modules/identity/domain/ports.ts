import type { SignInPolicy } from './sign-in-rules.js';

/** The tokens a sign-in ends with: what the API's JWT authorizer accepts. */
export interface SignInTokens {
  idToken: string;
  accessToken: string;
  /** What refreshes the session: a new one after each refresh where the issuer rotates it. */
  refreshToken: string;
  expiresIn: number;
}

/** Who asks: the phone (E.164) and the caller's IP (rate limits, Cognito's client metadata). */
export interface SignInStart {
  phone: string;
  ip: string;
}

export interface SignInAnswer {
  phone: string;
  session: string;
  code: string;
}

/**
 * A verification's outcome. A refusal (wrong, expired, used, out of tries, unknown) says no more:
 * the caller learns nothing of why, and never whether the phone has an account. It carries the
 * session to answer with next when the implementation moved it on (Cognito gives a new session
 * token after each wrong answer; the local issuer keeps the same one).
 */
export type SignInOutcome = { tokens: SignInTokens } | { refused: true; session: string | null };

/** A refresh's outcome: new tokens, or a refusal that says nothing of why. */
export type RefreshOutcome = { tokens: SignInTokens } | { refused: true };

/**
 * Phone sign-in, one port with two implementations: the tenant's Cognito user pool (custom
 * authentication flow, its triggers running this module's code steps) and, offline, the local issuer.
 */
export interface PhoneSignIn {
  start(request: SignInStart): Promise<{ session: string }>;
  verify(answer: SignInAnswer): Promise<SignInOutcome>;
  /** New tokens for a refresh token that is known, unused (where rotated), unrevoked and in time. */
  refresh(refreshToken: string): Promise<RefreshOutcome>;
  /** Revokes a refresh token; an unknown or already revoked one is left as it is (no error). */
  signOut(refreshToken: string): Promise<void>;
}

/** What a limit counts: starts per phone, starts per caller IP, token calls (refresh, sign-out) per caller IP. */
export type SignInLimitScope = 'phone' | 'ip' | 'token-ip';

/** Fixed-window counters: take one from the window, or learn when it ends. */
export interface SignInLimits {
  take(
    counter: { scope: SignInLimitScope; subject: string; limit: number; windowMs: number },
    nowMs: number,
  ): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }>;
}

/** The tenant's sign-in key (the HMAC key of codes and phone references) and the policy. */
export interface SignInSettings {
  key(): Promise<string>;
  policy: SignInPolicy;
}

/** A text message to a phone number: the notifications module's SMS channel. */
export interface SignInSms {
  send(phone: string, text: string): Promise<void>;
}
