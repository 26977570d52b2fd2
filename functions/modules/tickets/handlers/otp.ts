import { getContainer } from '../../../app/container.js';
import { accepted, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { requestCheckinOtp } from '../domain/otp-request.js';

const deps = () => getContainer().deps;

export const otpHandlers = {
  requestCheckinOtp: async ({ principal, params, body }) =>
    accepted(await requestCheckinOtp(deps(), principal, params.orgId, body)),
} satisfies Partial<RouteHandlers<'tickets'>>;
