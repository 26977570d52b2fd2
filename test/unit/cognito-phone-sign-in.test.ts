import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  InvalidParameterException,
  NotAuthorizedException,
  RevokeTokenCommand,
  UnauthorizedException,
  UserNotFoundException,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { cognitoPhoneSignIn } from '../../functions/modules/identity/adapters/cognito-phone-sign-in.js';

/**
 * The Cognito adapter's calls and its reading of Cognito's answers and errors (by the SDK
 * exceptions' names). Mocked because no local Cognito emulator runs the CUSTOM_AUTH flow
 * (cognito-local refuses it as unsupported); the triggers' side is test/unit/sign-in-triggers.test.ts.
 */

const cognito = mockClient(CognitoIdentityProviderClient);
const pool = { userPoolId: 'eu-west-1_pool', clientId: 'app-client' };
const signIn = cognitoPhoneSignIn(new CognitoIdentityProviderClient({ region: 'eu-west-1' }), pool);
const phone = '+4915112345678';
const meta = { message: 'from Cognito', $metadata: {} };
const result = { IdToken: 'id', AccessToken: 'access', RefreshToken: 'refresh', ExpiresIn: 3600 };

beforeEach(() => {
  cognito.reset();
});

describe('Cognito phone sign-in (mocked: no local emulator runs the CUSTOM_AUTH flow)', () => {
  it('creates an unknown phone as a confirmed user, then initiates the custom flow', async () => {
    cognito
      .on(AdminInitiateAuthCommand)
      .rejectsOnce(new UserNotFoundException(meta))
      .resolves({ Session: 'session-1' });
    // A first start of the same number at once created it: tolerated.
    cognito.on(AdminCreateUserCommand).rejects(new UsernameExistsException(meta));
    cognito.on(AdminSetUserPasswordCommand).resolves({});
    expect(await signIn.start({ phone, ip: '203.0.113.7' })).toEqual({ session: 'session-1' });
    expect(cognito.commandCalls(AdminCreateUserCommand)[0]?.args[0].input).toMatchObject({
      Username: phone,
      MessageAction: 'SUPPRESS',
    });
    expect(cognito.commandCalls(AdminSetUserPasswordCommand)[0]?.args[0].input).toMatchObject({
      Permanent: true,
    });
    const initiations = cognito.commandCalls(AdminInitiateAuthCommand).map((c) => c.args[0].input);
    expect(initiations).toHaveLength(2);
    expect(initiations[1]).toMatchObject({
      AuthFlow: 'CUSTOM_AUTH',
      AuthParameters: { USERNAME: phone },
      ClientMetadata: { ip: '203.0.113.7' },
    });
  });

  it('refuses a wrong answer with the new session, and answers the tokens for a right one', async () => {
    cognito
      .on(AdminRespondToAuthChallengeCommand)
      .resolvesOnce({ Session: 'session-2', ChallengeName: 'CUSTOM_CHALLENGE' })
      .resolves({ AuthenticationResult: result });
    const answer = { phone, session: 'session-1', code: '000000' };
    expect(await signIn.verify(answer)).toEqual({ refused: true, session: 'session-2' });
    expect(await signIn.verify({ ...answer, session: 'session-2' })).toEqual({
      tokens: { idToken: 'id', accessToken: 'access', refreshToken: 'refresh', expiresIn: 3600 },
    });
  });

  it('reads the end of a session as a refusal, and passes any other error on', async () => {
    const answer = { phone, session: 'session-1', code: '000000' };
    cognito
      .on(AdminRespondToAuthChallengeCommand)
      .rejectsOnce(new NotAuthorizedException(meta))
      .rejects(new InvalidParameterException(meta));
    expect(await signIn.verify(answer)).toEqual({ refused: true, session: null });
    await expect(signIn.verify(answer)).rejects.toThrow(InvalidParameterException);
  });

  it('refreshes with REFRESH_TOKEN_AUTH, keeping the refresh token Cognito does not rotate', async () => {
    const { RefreshToken: _none, ...refreshed } = result;
    cognito
      .on(AdminInitiateAuthCommand)
      .resolvesOnce({ AuthenticationResult: refreshed })
      .rejects(new NotAuthorizedException(meta));
    expect(await signIn.refresh('refresh')).toEqual({
      tokens: { idToken: 'id', accessToken: 'access', refreshToken: 'refresh', expiresIn: 3600 },
    });
    expect(cognito.commandCalls(AdminInitiateAuthCommand)[0]?.args[0].input).toMatchObject({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: 'refresh' },
    });
    // Revoked or expired.
    expect(await signIn.refresh('refresh')).toEqual({ refused: true });
  });

  it('signs out by revoking the token, alike for a token there is nothing to revoke of', async () => {
    cognito
      .on(RevokeTokenCommand)
      .resolvesOnce({})
      .rejectsOnce(new UnauthorizedException(meta))
      .rejects(new InvalidParameterException(meta));
    await signIn.signOut('refresh');
    expect(cognito.commandCalls(RevokeTokenCommand)[0]?.args[0].input).toEqual({
      ClientId: 'app-client',
      Token: 'refresh',
    });
    await signIn.signOut('refresh');
    await expect(signIn.signOut('refresh')).rejects.toThrow(InvalidParameterException);
  });
});
