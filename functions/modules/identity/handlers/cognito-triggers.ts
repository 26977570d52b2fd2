import { randomBytes } from 'node:crypto';
import type {
  CreateAuthChallengeTriggerEvent,
  DefineAuthChallengeTriggerEvent,
  VerifyAuthChallengeResponseTriggerEvent,
} from 'aws-lambda';
import { codeAnswers, issueSignInCode, type SignInCodeDeps } from '../domain/sign-in-code.js';
import { nextChallengeStep } from '../domain/sign-in-rules.js';

/**
 * The user pool's custom authentication triggers: the same code steps as the local issuer. The
 * challenge (nonce, code hash, deadline) travels in Cognito's private challenge parameters and
 * session metadata, never the code. One code serves a whole session: after a wrong answer the
 * next challenge takes the previous one's metadata, so the tries count against one code.
 */

const metadataOf = (nonce: string, codeHash: string, expiresAt: string): string =>
  `${nonce}|${codeHash}|${expiresAt}`;

const fromMetadata = (text: string | undefined) => {
  const [nonce, codeHash, expiresAt] = (text ?? '').split('|');
  return nonce && codeHash && expiresAt ? { nonce, codeHash, expiresAt } : undefined;
};

export const defineAuthChallenge =
  (policy: SignInCodeDeps['signInSettings']['policy']) =>
  async (event: DefineAuthChallengeTriggerEvent): Promise<DefineAuthChallengeTriggerEvent> => {
    const step = event.request.userNotFound ? 'fail' : nextChallengeStep(event.request.session, policy);
    event.response.issueTokens = step === 'issue-tokens';
    event.response.failAuthentication = step === 'fail';
    if (step === 'challenge') event.response.challengeName = 'CUSTOM_CHALLENGE';
    return event;
  };

export const createAuthChallenge =
  (deps: () => SignInCodeDeps) =>
  async (event: CreateAuthChallengeTriggerEvent): Promise<CreateAuthChallengeTriggerEvent> => {
    const phone = event.request.userAttributes.phone_number ?? '';
    const previous = fromMetadata(event.request.session.at(-1)?.challengeMetadata);
    const challenge =
      previous ??
      (await (async () => {
        const nonce = randomBytes(16).toString('base64url');
        const issued = await issueSignInCode(deps(), { phone, nonce });
        return { nonce, codeHash: issued.codeHash, expiresAt: issued.expiresAt };
      })());
    event.response.publicChallengeParameters = { delivery: 'sms' };
    event.response.privateChallengeParameters = challenge;
    event.response.challengeMetadata = metadataOf(challenge.nonce, challenge.codeHash, challenge.expiresAt);
    return event;
  };

export const verifyAuthChallenge =
  (deps: () => SignInCodeDeps) =>
  async (
    event: VerifyAuthChallengeResponseTriggerEvent,
  ): Promise<VerifyAuthChallengeResponseTriggerEvent> => {
    const { nonce = '', codeHash = '', expiresAt = '' } = event.request.privateChallengeParameters;
    const phone = event.request.userAttributes.phone_number ?? '';
    const challenge = { codeHash, expiresAt, attempts: 0, usedAt: null };
    event.response.answerCorrect =
      nonce !== '' &&
      (await codeAnswers(deps(), challenge, { phone, nonce }, String(event.request.challengeAnswer)));
    return event;
  };
