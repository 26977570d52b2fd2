import { reply, routeGroup } from '../../../kernel/http/route-group.js';
import { checkinParams } from '../contracts/checkins.js';
import { otpRequestBody, otpSentSchema } from '../contracts/otp.js';

/** One-time check-in codes; served by `tickets`, which holds the key the codes are hashed with. */
export const otpRoutes = routeGroup({ function: 'tickets', auth: 'jwt', tag: 'Tickets and check-in' }, [
  {
    operationId: 'requestCheckinOtp',
    method: 'POST',
    path: '/v1/orgs/{orgId}/checkins/otp',
    summary:
      'Sends an attendee with a confirmed booking in the session a 6-digit code to check in with (door role and up): valid 5 minutes, 5 tries, single use; replaces their previous code. At most one new code per 30 seconds and 5 per hour per attendee and session (429). The answer never holds the code',
    params: checkinParams,
    body: otpRequestBody,
    success: reply(202, 'The code is on its way to the attendee', otpSentSchema),
    problems: [403, 404, 409, 429, 503],
  },
]);
