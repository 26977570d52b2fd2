import * as z from '../../../kernel/contracts/zod.js';

/** Phone sign-in's bodies (docs/identity.md). */

const phoneSchema = z
  .string()
  .regex(/^\+[1-9][0-9]{6,14}$/, 'must be a phone number in E.164 form, such as +4915112345678')
  .openapi({ example: '+4915112345678' });

const sessionSchema = z
  .string()
  .min(16)
  .max(4096)
  .regex(/^[A-Za-z0-9_=+/.-]+$/, 'must be the session the start answered')
  .openapi({ description: 'The session the start answered (or a refusal carried)' });

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
    refreshToken: z
      .string()
      .nullable()
      .openapi({ description: 'Null where the issuer gives none (the local issuer)' }),
    expiresIn: z.number().int(),
  })
  .openapi('SignInTokens');
