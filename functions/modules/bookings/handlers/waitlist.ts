import { getContainer } from '../../../app/container.js';
import { created, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { leaveWaitlist, moveWaitlistEntry } from '../domain/waitlist-changes.js';
import { joinWaitlist } from '../domain/waitlist-join.js';
import { acceptOffer, declineOffer } from '../domain/waitlist-responses.js';
import { getWaitlistEntry, listMyWaitlist, listSessionWaitlist } from '../domain/waitlist-view.js';

const deps = () => getContainer().deps;

export const waitlistHandlers = {
  joinWaitlist: async ({ principal, params, body }) =>
    created(await joinWaitlist(deps(), principal, params.orgId, params.sessionId, body)),
  listSessionWaitlist: async ({ principal, params, query }) =>
    ok(await listSessionWaitlist(deps(), principal, params.orgId, params.sessionId, query)),
  getWaitlistEntry: async ({ principal, params }) =>
    ok(await getWaitlistEntry(deps(), principal, params.orgId, params.entryId)),
  leaveWaitlist: async ({ principal, params }) =>
    ok(await leaveWaitlist(deps(), principal, params.orgId, params.entryId)),
  moveWaitlistEntry: async ({ principal, params, body }) =>
    ok(await moveWaitlistEntry(deps(), principal, params.orgId, params.entryId, body.position)),
  acceptWaitlistOffer: async ({ principal, params }) =>
    ok(await acceptOffer(deps(), principal, params.orgId, params.entryId)),
  declineWaitlistOffer: async ({ principal, params }) =>
    ok(await declineOffer(deps(), principal, params.orgId, params.entryId)),
  listMyWaitlist: async ({ principal, query }) => ok(await listMyWaitlist(deps(), principal, query)),
} satisfies Partial<RouteHandlers<'bookings'>>;
