import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError } from '../../../kernel/domain/errors.js';
import type { SignInTokens } from './ports.js';

/**
 * After sign-in: refreshing the tokens and signing out, both limited per caller IP. A refused
 * refresh says nothing of why (unknown, rotated, revoked, expired); signing out answers alike for
 * every token, so a second call answers as the first. No token reaches a log.
 */

export type SignInTokenDeps = Pick<Deps, 'phoneSignIn' | 'signInLimits' | 'signInSettings' | 'clock'>;

const takeTokenCall = async (deps: SignInTokenDeps, ip: string): Promise<void> => {
  const { ipTokenCalls } = deps.signInSettings.policy;
  const nowMs = deps.clock.now().getTime();
  const taken = await deps.signInLimits.take({ scope: 'token-ip', subject: ip, ...ipTokenCalls }, nowMs);
  if (!taken.ok)
    throw new DomainError('RATE_LIMITED', 'too many token requests from this address; try again later', {
      retryAfterSeconds: taken.retryAfterSeconds,
    });
};

export const refreshSignIn = async (
  deps: SignInTokenDeps,
  request: { refreshToken: string; ip: string },
): Promise<SignInTokens> => {
  await takeTokenCall(deps, request.ip);
  const outcome = await deps.phoneSignIn.refresh(request.refreshToken);
  if ('tokens' in outcome) return outcome.tokens;
  throw new DomainError('REFRESH_REFUSED', 'the refresh token is not valid; sign in again');
};

export const signOut = async (
  deps: SignInTokenDeps,
  request: { refreshToken: string; ip: string },
): Promise<void> => {
  await takeTokenCall(deps, request.ip);
  await deps.phoneSignIn.signOut(request.refreshToken);
};
