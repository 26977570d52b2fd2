import * as z from '../../../kernel/contracts/zod.js';

/** Phone sign-in's bodies (docs/identity.md). */

const phoneSchema = z
  .string()
  .regex(/^\+[1-9][0-9]{6,14}$/, 'must be a phone number in E.164 form, such as +4915112345678')
  .openapi({ example: '+4915112345678' });

/** An opaque value the API handed out (a session, a refresh token): bounded, of token characters. */
const handedOut = (what: string) =>
  z
    .string()
    .min(16)
    .max(4096)
    .regex(/^[A-Za-z0-9_=+/.-]+$/, `must be the ${what}`);

const sessionSchema = handedOut('session the start answered').openapi({
  description: 'The session the start answered (or a refusal carried)',
});

export const phoneStartBody = z.strictObject({ phone: phoneSchema }).openapi('PhoneSignInStart');

export const phoneStartedSchema = z
  .object({
    session: z.string(),
    expiresIn: z.number().int().openapi({ description: 'Seconds the code sent by SMS stays valid' }),
  })
  .openapi('PhoneSignInStarted');

export const phoneVerifyBody = z
  .strictObject({
    phone: phoneSchema,
    session: sessionSchema,
    code: z
      .string()
      .regex(/^[0-9]{6}$/, 'must be the 6 digits sent by SMS')
      .openapi({ example: '042317' }),
  })
  .openapi('PhoneSignInVerify');

export const signInTokensSchema = z
  .object({
    idToken: z.string(),
    accessToken: z.string(),
    refreshToken: z.string().openapi({
      description: 'Refreshes the tokens (POST /v1/auth/refresh); use the one of the latest answer',
    }),
    expiresIn: z.number().int().openapi({ description: 'Seconds the id and access tokens stay valid' }),
  })
  .openapi('SignInTokens');

/** Refreshing and signing out name the refresh token a sign-in or the last refresh answered. */
export const refreshTokenBody = z
  .strictObject({ refreshToken: handedOut('refresh token a sign-in or refresh answered') })
  .openapi('RefreshTokenBody');
