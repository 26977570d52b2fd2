import { LOCAL_AUDIENCE, LOCAL_ISSUER } from './auth.js';
import { localSeedFile } from './webhook-key.js';

/**
 * Phone sign-in offline (docs/identity.md): the local issuer signs with the dev key the local JWT
 * authorizer verifies (`keyFile`), as its issuer and for its audience; codes are hashed with a
 * sign-in key kept like the webhook key.
 */
export const localSignIn = async (keyFile: string, options: { inMemory?: boolean | undefined } = {}) => ({
  env: {
    SIGN_IN_MODE: 'local',
    LOCAL_ISSUER_KEY_FILE: keyFile,
    LOCAL_ISSUER: LOCAL_ISSUER,
    LOCAL_AUDIENCE: LOCAL_AUDIENCE,
    SIGN_IN_KEY_FILE: await localSeedFile('sign-in-key.json', options),
  },
});
