import { getContainer } from '../../../app/container.js';
import { accepted, noContent, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { startPhoneSignIn, verifyPhoneSignIn } from '../domain/phone-sign-in.js';
import { refreshSignIn, signOut } from '../domain/sign-in-tokens.js';

const deps = () => getContainer().deps;

export const phoneSignInHandlers = {
  startPhoneSignIn: async ({ body, sourceIp }) =>
    accepted(await startPhoneSignIn(deps(), { phone: body.phone, ip: sourceIp })),
  verifyPhoneSignIn: async ({ body }) => ok(await verifyPhoneSignIn(deps(), body)),
  refreshSignIn: async ({ body, sourceIp }) =>
    ok(await refreshSignIn(deps(), { refreshToken: body.refreshToken, ip: sourceIp })),
  signOut: async ({ body, sourceIp }) => {
    await signOut(deps(), { refreshToken: body.refreshToken, ip: sourceIp });
    return noContent();
  },
} satisfies RouteHandlers<'identity'>;
