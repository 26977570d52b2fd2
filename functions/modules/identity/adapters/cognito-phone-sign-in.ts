import { randomBytes } from 'node:crypto';
import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AdminSetUserPasswordCommand,
  type AuthenticationResultType,
  type CognitoIdentityProviderClient,
  RevokeTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { PhoneSignIn, SignInOutcome, SignInTokens } from '../domain/ports.js';

/**
 * Phone sign-in through the tenant's Cognito user pool and its custom authentication flow: the
 * pool's define/create/verify-auth-challenge triggers (handlers/cognito-triggers.ts) run this
 * module's code steps; the routes call the admin API. A phone unknown to the pool becomes a user
 * (its number the username, no message sent) on its first start, so starting answers alike for
 * every number. The caller's IP travels as client metadata to the triggers. Refreshing is
 * Cognito's REFRESH_TOKEN_AUTH (the app client does not rotate refresh tokens: the same one
 * keeps refreshing until it expires or is revoked); signing out is RevokeToken.
 */

export interface CognitoPool {
  userPoolId: string;
  clientId: string;
}

/** Whether `error` is one of the SDK's exceptions named (the SDK names each by its Cognito type). */
const named = (error: unknown, names: ReadonlySet<string>): boolean =>
  error instanceof Error && names.has(error.name);

/** Answers that mean "refused": the session or token ended (out of tries, expired, revoked) or never matched. */
const refusals = new Set([
  'NotAuthorizedException',
  'CodeMismatchException',
  'ExpiredCodeException',
  'UserNotFoundException',
]);
const unknownUser = new Set(['UserNotFoundException']);
const userExists = new Set(['UsernameExistsException']);
/** RevokeToken's answers for a token there is nothing to revoke of: signing out answers alike. */
const nothingToRevoke = new Set([
  'UnauthorizedException',
  'UnsupportedTokenTypeException',
  'NotAuthorizedException',
]);

const tokensOf = (result: AuthenticationResultType, refreshToken?: string): SignInTokens => {
  const next = result.RefreshToken ?? refreshToken;
  if (!result.IdToken || !result.AccessToken || !next)
    throw new Error('Cognito answered an authentication result without its tokens');
  return {
    idToken: result.IdToken,
    accessToken: result.AccessToken,
    refreshToken: next,
    expiresIn: result.ExpiresIn ?? 3600,
  };
};

export const cognitoPhoneSignIn = (client: CognitoIdentityProviderClient, pool: CognitoPool): PhoneSignIn => {
  const { userPoolId, clientId } = pool;
  const initiate = async (phone: string, ip: string) => {
    const res = await client.send(
      new AdminInitiateAuthCommand({
        UserPoolId: userPoolId,
        ClientId: clientId,
        AuthFlow: 'CUSTOM_AUTH',
        AuthParameters: { USERNAME: phone },
        ClientMetadata: { ip },
      }),
    );
    return { session: res.Session ?? '' };
  };
  const createUser = async (phone: string) => {
    try {
      await client.send(
        new AdminCreateUserCommand({
          UserPoolId: userPoolId,
          Username: phone,
          UserAttributes: [{ Name: 'phone_number', Value: phone }],
          MessageAction: 'SUPPRESS',
        }),
      );
    } catch (error) {
      // Two first starts at once: the other created it.
      if (!named(error, userExists)) throw error;
    }
    // A password nobody knows, so the user is confirmed; only the custom flow signs in.
    await client.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: userPoolId,
        Username: phone,
        Password: `${randomBytes(24).toString('base64url')}aA1!`,
        Permanent: true,
      }),
    );
  };
  return {
    async start({ phone, ip }) {
      try {
        return await initiate(phone, ip);
      } catch (error) {
        if (!named(error, unknownUser)) throw error;
      }
      await createUser(phone);
      return initiate(phone, ip);
    },

    async verify({ phone, session, code }): Promise<SignInOutcome> {
      try {
        const res = await client.send(
          new AdminRespondToAuthChallengeCommand({
            UserPoolId: userPoolId,
            ClientId: clientId,
            ChallengeName: 'CUSTOM_CHALLENGE',
            Session: session,
            ChallengeResponses: { USERNAME: phone, ANSWER: code },
          }),
        );
        if (!res.AuthenticationResult) return { refused: true, session: res.Session ?? null };
        return { tokens: tokensOf(res.AuthenticationResult) };
      } catch (error) {
        if (named(error, refusals)) return { refused: true, session: null };
        throw error;
      }
    },

    async refresh(refreshToken) {
      try {
        const res = await client.send(
          new AdminInitiateAuthCommand({
            UserPoolId: userPoolId,
            ClientId: clientId,
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            AuthParameters: { REFRESH_TOKEN: refreshToken },
          }),
        );
        if (!res.AuthenticationResult) return { refused: true };
        return { tokens: tokensOf(res.AuthenticationResult, refreshToken) };
      } catch (error) {
        if (named(error, refusals)) return { refused: true };
        throw error;
      }
    },

    async signOut(refreshToken) {
      try {
        await client.send(new RevokeTokenCommand({ ClientId: clientId, Token: refreshToken }));
      } catch (error) {
        if (!named(error, nothingToRevoke)) throw error;
      }
    },
  };
};
