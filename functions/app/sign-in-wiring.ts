import type { Env } from '../kernel/env.js';
import {
  parseSignInKey,
  signInSettings as signInSettingsOf,
} from '../modules/identity/adapters/sign-in-settings.js';
import type { SignInSettings, SignInSms } from '../modules/identity/domain/ports.js';
import { textMessagesFor } from '../modules/notifications/adapters/text-messages.js';
import { notInThisFunction, secretFrom } from './wires.js';

/**
 * Phone sign-in's key and SMS built from the environment alone: the ports' wirings
 * (port-wiring.ts) and the user pool's triggers, whose function has no container, share them.
 * Only the functions granted it (`signsInPhones`) carry their adapters.
 */
export const signsInPhones = (): boolean => process.env.EVENTLY_SIGNS_IN_PHONES !== 'false';

/** The sign-in key and policy from the environment alone (the triggers' function has no container). */
export const signInSettingsFrom = (env: Env): SignInSettings =>
  signInSettingsOf(
    env,
    signsInPhones()
      ? secretFrom(
          env,
          { file: env.SIGN_IN_KEY_FILE, secretId: env.SIGN_IN_KEY_SECRET_ID, what: 'sign-in key' },
          parseSignInKey,
        )
      : notInThisFunction('the sign-in key'),
  );

/** Sign-in codes by SMS: the notifications module's channel (the local delivery log locally). */
export const signInSmsFrom = (env: Env): SignInSms => {
  if (!signsInPhones()) return { send: notInThisFunction('sign-in SMS') };
  const send = textMessagesFor(env);
  return { send: (phone, text) => send(phone, text, 'identity.sign-in-code') };
};
