import type {
  CreateAuthChallengeTriggerEvent,
  DefineAuthChallengeTriggerEvent,
  VerifyAuthChallengeResponseTriggerEvent,
} from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { SignInCodeDeps } from '../../functions/modules/identity/domain/sign-in-code.js';
import { defaultSignInPolicy } from '../../functions/modules/identity/domain/sign-in-rules.js';
import {
  createAuthChallenge,
  defineAuthChallenge,
  verifyAuthChallenge,
} from '../../functions/modules/identity/handlers/cognito-triggers.js';

/**
 * The user pool's custom authentication triggers on events shaped as Cognito sends them (no local
 * engine runs Cognito's custom flow): the code goes by SMS and only its hash into the challenge,
 * one code serves the session, the right answer within its time is correct, the rest is not.
 */

const phone = '+4915112345678';
let now = Date.parse('2026-12-05T10:00:00Z');
const sent: { to: string; text: string }[] = [];
const deps: SignInCodeDeps = {
  signInSettings: { key: async () => 'k'.repeat(40), policy: defaultSignInPolicy },
  signInSms: { send: async (to, text) => void sent.push({ to, text }) },
  clock: { now: () => new Date(now) },
};

const base = { userAttributes: { phone_number: phone } };
const createEvent = (session: { challengeMetadata?: string }[]) =>
  ({ request: { ...base, session }, response: {} }) as unknown as CreateAuthChallengeTriggerEvent;
const verifyEvent = (params: Record<string, string>, answer: string) =>
  ({
    request: { ...base, privateChallengeParameters: params, challengeAnswer: answer },
    response: {},
  }) as unknown as VerifyAuthChallengeResponseTriggerEvent;

describe('the custom authentication triggers', () => {
  it('send a code by SMS, keep only its hash, and accept it once right and in time', async () => {
    const created = await createAuthChallenge(() => deps)(createEvent([]));
    const code = /([0-9]{6})/.exec(sent.at(-1)?.text ?? '')?.[1] ?? '';
    expect(sent.at(-1)?.to).toBe(phone);
    const params = created.response.privateChallengeParameters;
    expect(JSON.stringify(created.response)).not.toContain(code);
    const verify = verifyAuthChallenge(() => deps);
    expect((await verify(verifyEvent(params, code))).response.answerCorrect).toBe(true);
    const wrong = String((Number(code) + 1) % 1e6).padStart(6, '0');
    expect((await verify(verifyEvent(params, wrong))).response.answerCorrect).toBe(false);
    now += defaultSignInPolicy.codeTtlMs;
    expect((await verify(verifyEvent(params, code))).response.answerCorrect).toBe(false);
  });

  it('keep one code for the session after a wrong answer (no new SMS)', async () => {
    const first = await createAuthChallenge(() => deps)(createEvent([]));
    const count = sent.length;
    const again = await createAuthChallenge(() => deps)(
      createEvent([{ challengeMetadata: first.response.challengeMetadata }]),
    );
    expect(sent).toHaveLength(count);
    expect(again.response.privateChallengeParameters).toEqual(first.response.privateChallengeParameters);
  });

  it('fail the sign-in of an unknown user and after five wrong answers', async () => {
    const define = defineAuthChallenge(defaultSignInPolicy);
    const event = (session: { challengeResult: boolean }[], userNotFound = false) =>
      ({ request: { session, userNotFound }, response: {} }) as unknown as DefineAuthChallengeTriggerEvent;
    expect((await define(event([], true))).response.failAuthentication).toBe(true);
    expect((await define(event([]))).response.challengeName).toBe('CUSTOM_CHALLENGE');
    expect((await define(event(Array(5).fill({ challengeResult: false })))).response.failAuthentication).toBe(
      true,
    );
    expect((await define(event([{ challengeResult: true }]))).response.issueTokens).toBe(true);
  });
});
