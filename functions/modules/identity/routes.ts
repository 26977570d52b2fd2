import { reply, routeGroup } from '../../kernel/http/route-group.js';
import {
  phoneStartBody,
  phoneStartedSchema,
  phoneVerifyBody,
  refreshTokenBody,
  signInTokensSchema,
} from './contracts/phone-sign-in.js';

const publicBecause =
  'Phone sign-in: the caller has no token yet, this is how one is obtained. Starting is rate-limited ' +
  'per phone and per caller IP (conditional counters) and answers alike for every number; verifying ' +
  'takes a code sent by SMS to the phone, stored only as a keyed hash, valid five minutes, single use, ' +
  'five tries per session.';

const tokenCallsBecause =
  'The refresh token in the body is the credential (an access token may have expired): an opaque ' +
  'value the sign-in handed out, stored only as a keyed hash (or held by Cognito). Limited per caller IP.';

/** Phone sign-in (docs/identity.md); served by `identity`, the only function granted the user pool. */
export const identityRoutes = routeGroup({ function: 'identity', auth: 'none', tag: 'Sign-in' }, [
  {
    operationId: 'startPhoneSignIn',
    method: 'POST',
    path: '/v1/auth/phone/start',
    publicBecause,
    summary:
      'Send a 6-digit sign-in code by SMS to a phone number (202 with the session to verify in). Limited per number and per caller',
    body: phoneStartBody,
    success: reply(202, 'The code is on its way', phoneStartedSchema),
    problems: [404, 429],
  },
  {
    operationId: 'verifyPhoneSignIn',
    method: 'POST',
    path: '/v1/auth/phone/verify',
    publicBecause,
    summary:
      'Sign in with the code sent by SMS: the tokens the API accepts. A wrong, expired or used code, or a sixth try, is refused (401)',
    body: phoneVerifyBody,
    success: reply(200, 'Signed in', signInTokensSchema),
    problems: [401, 404],
  },
  {
    operationId: 'refreshSignIn',
    method: 'POST',
    path: '/v1/auth/refresh',
    publicBecause: tokenCallsBecause,
    summary:
      'New id and access tokens for a refresh token (and, where the issuer rotates it, a new refresh token). An unknown, used, revoked or expired one is refused (401)',
    body: refreshTokenBody,
    success: reply(200, 'Refreshed', signInTokensSchema),
    problems: [401, 404, 429],
  },
  {
    operationId: 'signOut',
    method: 'POST',
    path: '/v1/auth/sign-out',
    publicBecause: tokenCallsBecause,
    summary:
      'Revoke a refresh token: it refreshes nothing after. Answers alike for every token, so a second call answers as the first',
    body: refreshTokenBody,
    success: reply(204, 'Signed out'),
    problems: [404, 429],
  },
]);
