import type {
  CreateAuthChallengeTriggerEvent,
  DefineAuthChallengeTriggerEvent,
  VerifyAuthChallengeResponseTriggerEvent,
} from 'aws-lambda';
import { readEnv } from '../../kernel/env.js';
import type { SignInCodeDeps } from '../../modules/identity/domain/sign-in-code.js';
import {
  createAuthChallenge,
  defineAuthChallenge,
  verifyAuthChallenge,
} from '../../modules/identity/handlers/cognito-triggers.js';
import { signInSettingsFrom, signInSmsFrom } from '../sign-in-wiring.js';

type TriggerEvent =
  | DefineAuthChallengeTriggerEvent
  | CreateAuthChallengeTriggerEvent
  | VerifyAuthChallengeResponseTriggerEvent;

let built: SignInCodeDeps | undefined;

/** The code steps' ports, built from the environment alone: this function reads no table. */
const deps = (): SignInCodeDeps => {
  if (built) return built;
  const env = readEnv();
  built = {
    signInSettings: signInSettingsFrom(env),
    signInSms: signInSmsFrom(env),
    clock: { now: () => new Date() },
  };
  return built;
};

/**
 * Lambda for the user pool's three custom authentication triggers (one function: they share the
 * code steps and the key), told apart by Cognito's `triggerSource`.
 */
export const handler = async (event: TriggerEvent): Promise<TriggerEvent> => {
  switch (event.triggerSource) {
    case 'DefineAuthChallenge_Authentication':
      return defineAuthChallenge(deps().signInSettings.policy)(event);
    case 'CreateAuthChallenge_Authentication':
      return createAuthChallenge(deps)(event);
    case 'VerifyAuthChallengeResponse_Authentication':
      return verifyAuthChallenge(deps)(event);
  }
};
