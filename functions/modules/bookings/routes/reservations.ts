import { reply, routeGroup } from '../../../kernel/http/route-group.js';
import { decideRequestBody, joinRequestSchema, requestParams } from '../../invitations/index.js';

/** Approving a join request (a reservation by the booking machinery), served by `catalog`. */
export const reservationRoutes = routeGroup({ function: 'catalog', auth: 'jwt', tag: 'Join requests' }, [
  {
    operationId: 'approveRequest',
    method: 'POST',
    path: '/v1/orgs/{orgId}/sessions/{sessionId}/requests/{requestId}/approve',
    summary:
      "Approve a pending join request (staff): its places are reserved by a held booking until the event's requestHoldMinutes (the attendee confirms it, or pays for a priced event), or, the session being full, the request joins the waitlist",
    params: requestParams,
    body: decideRequestBody,
    success: reply(200, 'The request, reserved or waitlisted', joinRequestSchema),
    problems: [403, 404, 409, 503],
  },
]);
