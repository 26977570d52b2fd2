/**
 * The identity module's public entry: what other modules may use. Everything else in the folder
 * is the module's own.
 */

export type { PhoneSignIn, SignInTokens } from './domain/ports.js';
export { phoneRef } from './domain/sign-in-rules.js';
