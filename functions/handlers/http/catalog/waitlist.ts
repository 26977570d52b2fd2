import { leaveWaitlist, moveWaitlistEntry } from '../../../core/use-cases/waitlist-changes.js';
import { joinWaitlist } from '../../../core/use-cases/waitlist-join.js';
import { acceptOffer, declineOffer } from '../../../core/use-cases/waitlist-responses.js';
import {
  getWaitlistEntry,
  listMyWaitlist,
  listSessionWaitlist,
} from '../../../core/use-cases/waitlist-view.js';
import { getContainer } from '../../../shared/container.js';
import { created, ok, type RouteHandlers } from '../../../shared/http/route-types.js';

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
} satisfies Partial<RouteHandlers<'catalog'>>;
