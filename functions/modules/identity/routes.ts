import { reply, routeGroup } from '../../kernel/http/route-group.js';
import {
  phoneStartBody,
  phoneStartedSchema,
  phoneVerifyBody,
  signInTokensSchema,
} from './contracts/phone-sign-in.js';

const publicBecause =
  'Phone sign-in: the caller has no token yet, this is how one is obtained. Starting is rate-limited ' +
  'per phone and per caller IP (conditional counters) and answers alike for every number; verifying ' +
  'takes a code sent by SMS to the phone, stored only as a keyed hash, valid five minutes, single use, ' +
  'five tries per session.';

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
]);
