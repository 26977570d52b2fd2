import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import {
  calculateJwkThumbprint,
  errors,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';

/**
 * The local stand-in for the OIDC provider: one ES256 key signs tokens shaped like a Cognito,
 * Keycloak or Auth0 token, and the local server verifies them the way the API Gateway JWT
 * authorizer does (signature, issuer, audience, expiry).
 */

export const LOCAL_ISSUER = 'http://localhost/local-issuer';
export const LOCAL_AUDIENCE = 'evently-local';
export const DEFAULT_KEY_FILE = resolve(import.meta.dirname, '../../.data/dev-key.json');

const ALG = 'ES256';
const DEFAULT_TTL_SECONDS = 3600;

export interface MintTokenInput {
  sub: string;
  email: string;
  /** The `email_verified` claim, true unless set: the API trusts the email only when it is. */
  emailVerified?: boolean;
  /** The `phone_number` claim (E.164) and `phone_number_verified`, true unless set. */
  phone?: string;
  phoneVerified?: boolean;
  name?: string;
  ttlSeconds?: number;
}

export interface TokenClaims {
  sub: string;
  /** Absent from tokens of phone sign-in, which carry `phone_number` instead. */
  email?: string;
  email_verified?: boolean;
  phone_number?: string;
  phone_number_verified?: boolean;
  name?: string;
  iss: string;
  aud: string;
  iat: number;
  exp: number;
}

export type VerifyResult = { ok: true; claims: TokenClaims } | { ok: false; reason: string };

export interface DevSigner {
  /** The file holding the key (a temporary one when in memory): the local issuer signs with it too. */
  keyFile: string;
  mintToken(input: MintTokenInput): Promise<string>;
  verifyToken(token: string): Promise<VerifyResult>;
}

export interface DevSignerOptions {
  /** A fresh key in a temporary file (tests); otherwise the key kept in `keyFile`. */
  inMemory?: boolean;
  keyFile?: string;
}

type SigningKey = Awaited<ReturnType<typeof importJWK>>;

const generateJwk = async (): Promise<JWK> => {
  const { privateKey } = await generateKeyPair(ALG, { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, alg: ALG, use: 'sig', kid: await calculateJwkThumbprint(jwk) };
};

/** Reads the kept key, or creates it; `wx` makes two processes starting at once agree on one key. */
const loadOrCreateJwk = async (file: string): Promise<JWK> => {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as JWK;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const jwk = await generateJwk();
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${JSON.stringify(jwk, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
    return jwk;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateJwk(file);
    throw error;
  }
};

const publicPart = ({ d: _private, ...rest }: JWK): JWK => rest;

const sign = (key: SigningKey, kid: string | undefined, input: MintTokenInput): Promise<string> => {
  const claims: JWTPayload = {
    email: input.email,
    email_verified: input.emailVerified ?? true,
    ...(input.phone ? { phone_number: input.phone, phone_number_verified: input.phoneVerified ?? true } : {}),
    ...(input.name ? { name: input.name } : {}),
  };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: ALG, typ: 'JWT', ...(kid ? { kid } : {}) })
    .setSubject(input.sub)
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + (input.ttlSeconds ?? DEFAULT_TTL_SECONDS))
    .sign(key);
};

const reasonFor = (error: unknown): string => {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return `the token's ${error.claim} claim is not accepted`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature is invalid';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token algorithm is not accepted';
  return 'the token is malformed';
};

const toClaims = (payload: JWTPayload): TokenClaims | undefined => {
  const { sub, email, email_verified, phone_number, phone_number_verified, name, iss, aud, iat, exp } =
    payload;
  if (typeof sub !== 'string' || typeof iss !== 'string') return undefined;
  if (typeof aud !== 'string' || typeof iat !== 'number' || typeof exp !== 'number') return undefined;
  return {
    sub,
    ...(typeof email === 'string' ? { email } : {}),
    ...(typeof email_verified === 'boolean' ? { email_verified } : {}),
    ...(typeof phone_number === 'string' ? { phone_number } : {}),
    ...(typeof phone_number_verified === 'boolean' ? { phone_number_verified } : {}),
    ...(typeof name === 'string' ? { name } : {}),
    iss,
    aud,
    iat,
    exp,
  };
};

const verify = async (key: SigningKey, token: string): Promise<VerifyResult> => {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [ALG],
      issuer: LOCAL_ISSUER,
      audience: LOCAL_AUDIENCE,
      requiredClaims: ['sub', 'exp', 'iat'],
    });
    const claims = toClaims(payload);
    return claims ? { ok: true, claims } : { ok: false, reason: 'the token lacks sub or aud' };
  } catch (error) {
    return { ok: false, reason: reasonFor(error) };
  }
};

export const loadDevSigner = async (options: DevSignerOptions = {}): Promise<DevSigner> => {
  // In memory: a fresh key, in a temporary file only the local issuer reads.
  const keyFile = options.inMemory
    ? join(mkdtempSync(join(tmpdir(), 'evently-dev-key-')), 'dev-key.json')
    : (options.keyFile ?? DEFAULT_KEY_FILE);
  const jwk = await loadOrCreateJwk(keyFile);
  const privateKey = await importJWK(jwk, ALG);
  const publicKey = await importJWK(publicPart(jwk), ALG);
  return {
    keyFile,
    mintToken: (input) => sign(privateKey, jwk.kid, input),
    verifyToken: (token) => verify(publicKey, token),
  };
};
