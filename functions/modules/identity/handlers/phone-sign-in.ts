import { getContainer } from '../../../app/container.js';
import { accepted, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { startPhoneSignIn, verifyPhoneSignIn } from '../domain/phone-sign-in.js';

const deps = () => getContainer().deps;

export const phoneSignInHandlers = {
  startPhoneSignIn: async ({ body, sourceIp }) =>
    accepted(await startPhoneSignIn(deps(), { phone: body.phone, ip: sourceIp })),
  verifyPhoneSignIn: async ({ body }) => ok(await verifyPhoneSignIn(deps(), body)),
} satisfies RouteHandlers<'identity'>;
