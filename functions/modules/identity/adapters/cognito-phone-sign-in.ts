import { randomBytes } from 'node:crypto';
import type { PhoneSignIn, SignInOutcome } from '../domain/ports.js';
import { type CognitoCall, CognitoError } from './cognito-idp.js';

/**
 * Phone sign-in through the tenant's Cognito user pool and its custom authentication flow: the
 * pool's define/create/verify-auth-challenge triggers (handlers/cognito-triggers.ts) run this
 * module's code steps; the routes call the admin API. A phone unknown to the pool becomes a user
 * (its number the username, no message sent) on its first start, so starting answers alike for
 * every number. The caller's IP travels as client metadata to the triggers.
 */

export interface CognitoPool {
  userPoolId: string;
  clientId: string;
}

/** Answers that mean "refused": the session ended (out of tries, expired) or never matched. */
const refusals = new Set([
  'NotAuthorizedException',
  'CodeMismatchException',
  'ExpiredCodeException',
  'UserNotFoundException',
]);

export const cognitoPhoneSignIn = (call: CognitoCall, pool: CognitoPool): PhoneSignIn => {
  const { userPoolId, clientId } = pool;
  const initiate = async (phone: string, ip: string) => {
    const res = await call('AdminInitiateAuth', {
      UserPoolId: userPoolId,
      ClientId: clientId,
      AuthFlow: 'CUSTOM_AUTH',
      AuthParameters: { USERNAME: phone },
      ClientMetadata: { ip },
    });
    return { session: String(res.Session ?? '') };
  };
  const createUser = async (phone: string) => {
    try {
      await call('AdminCreateUser', {
        UserPoolId: userPoolId,
        Username: phone,
        UserAttributes: [{ Name: 'phone_number', Value: phone }],
        MessageAction: 'SUPPRESS',
      });
    } catch (error) {
      // Two first starts at once: the other created it.
      if (!(error instanceof CognitoError && error.type === 'UsernameExistsException')) throw error;
    }
    // A password nobody knows, so the user is confirmed; only the custom flow signs in.
    await call('AdminSetUserPassword', {
      UserPoolId: userPoolId,
      Username: phone,
      Password: `${randomBytes(24).toString('base64url')}aA1!`,
      Permanent: true,
    });
  };
  return {
    async start({ phone, ip }) {
      try {
        return await initiate(phone, ip);
      } catch (error) {
        if (!(error instanceof CognitoError && error.type === 'UserNotFoundException')) throw error;
      }
      await createUser(phone);
      return initiate(phone, ip);
    },

    async verify({ phone, session, code }): Promise<SignInOutcome> {
      try {
        const res = await call('AdminRespondToAuthChallenge', {
          UserPoolId: userPoolId,
          ClientId: clientId,
          ChallengeName: 'CUSTOM_CHALLENGE',
          Session: session,
          ChallengeResponses: { USERNAME: phone, ANSWER: code },
        });
        const result = res.AuthenticationResult as Record<string, unknown> | undefined;
        if (!result) return { refused: true, session: typeof res.Session === 'string' ? res.Session : null };
        return {
          tokens: {
            idToken: String(result.IdToken),
            accessToken: String(result.AccessToken),
            refreshToken: typeof result.RefreshToken === 'string' ? result.RefreshToken : null,
            expiresIn: Number(result.ExpiresIn ?? 3600),
          },
        };
      } catch (error) {
        if (error instanceof CognitoError && refusals.has(error.type))
          return { refused: true, session: null };
        throw error;
      }
    },
  };
};
