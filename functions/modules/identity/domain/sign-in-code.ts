import type { Deps } from '../../../kernel/domain/deps.js';
import {
  type CodeBinding,
  newSignInCode,
  type SignInChallenge,
  sameHash,
  signInCodeHash,
  standingOf,
} from './sign-in-rules.js';

/**
 * The code steps both implementations run: Cognito's create- and verify-auth-challenge triggers,
 * and the local issuer. The code leaves this file only in the text message.
 */

export type SignInCodeDeps = Pick<Deps, 'signInSettings' | 'signInSms' | 'clock'>;

/** A new code for `binding`: sent by SMS, returned only as its challenge (hash and deadline). */
export const issueSignInCode = async (
  deps: SignInCodeDeps,
  binding: CodeBinding,
): Promise<SignInChallenge> => {
  const { policy } = deps.signInSettings;
  const code = newSignInCode(policy.digits);
  const codeHash = signInCodeHash(await deps.signInSettings.key(), binding, code);
  const expiresAt = new Date(deps.clock.now().getTime() + policy.codeTtlMs).toISOString();
  const minutes = Math.round(policy.codeTtlMs / 60_000);
  await deps.signInSms.send(binding.phone, `Your sign-in code is ${code}. It expires in ${minutes} minutes.`);
  return { codeHash, expiresAt, attempts: 0, usedAt: null };
};

/** Whether `code` answers the challenge now (open, and the right code). */
export const codeAnswers = async (
  deps: Pick<Deps, 'signInSettings' | 'clock'>,
  challenge: SignInChallenge,
  binding: CodeBinding,
  code: string,
): Promise<boolean> => {
  const { policy } = deps.signInSettings;
  if (standingOf(challenge, deps.clock.now().getTime(), policy) !== 'open') return false;
  return sameHash(challenge.codeHash, signInCodeHash(await deps.signInSettings.key(), binding, code));
};
