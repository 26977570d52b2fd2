import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError } from '../../../kernel/domain/errors.js';
import type { SignInAnswer, SignInStart, SignInTokens } from './ports.js';
import { phoneRef } from './sign-in-rules.js';

/**
 * Phone sign-in's two steps. Starting is rate-limited per caller IP and per phone before anything
 * is sent; both steps answer the same whether the phone has an account or not. Logs name the
 * phone by its keyed reference only, never a code.
 */

export type PhoneStartDeps = Pick<Deps, 'phoneSignIn' | 'signInLimits' | 'signInSettings' | 'clock'>;
export type PhoneVerifyDeps = Pick<Deps, 'phoneSignIn'>;

const limited = (retryAfterSeconds: number): DomainError =>
  new DomainError('RATE_LIMITED', 'too many sign-in codes were asked for; try again later', {
    retryAfterSeconds,
  });

export const startPhoneSignIn = async (
  deps: PhoneStartDeps,
  request: SignInStart,
): Promise<{ session: string; expiresIn: number }> => {
  const { policy } = deps.signInSettings;
  const key = await deps.signInSettings.key();
  const nowMs = deps.clock.now().getTime();
  // The IP first: a caller cycling through numbers is stopped without touching their counters.
  const byIp = await deps.signInLimits.take({ scope: 'ip', subject: request.ip, ...policy.ipStarts }, nowMs);
  if (!byIp.ok) throw limited(byIp.retryAfterSeconds);
  const subject = phoneRef(key, request.phone);
  const byPhone = await deps.signInLimits.take({ scope: 'phone', subject, ...policy.phoneStarts }, nowMs);
  if (!byPhone.ok) throw limited(byPhone.retryAfterSeconds);
  const { session } = await deps.phoneSignIn.start(request);
  return { session, expiresIn: Math.round(policy.codeTtlMs / 1000) };
};

export const verifyPhoneSignIn = async (
  deps: PhoneVerifyDeps,
  answer: SignInAnswer,
): Promise<SignInTokens> => {
  const outcome = await deps.phoneSignIn.verify(answer);
  if ('tokens' in outcome) return outcome.tokens;
  throw new DomainError(
    'SIGN_IN_REFUSED',
    'the code is wrong, expired, used or out of tries; try again or ask for a new code',
    outcome.session ? { session: outcome.session } : {},
  );
};
