import { getContainer } from '../../../app/container.js';
import { created, noContent, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import {
  createAttendee,
  deleteAttendee,
  ensureMyAttendee,
  getAttendee,
  getMyAttendee,
  listAttendees,
  updateAttendee,
} from '../domain/attendees.js';

const deps = () => getContainer().deps;

export const attendeeHandlers = {
  createAttendee: async ({ principal, params, body }) =>
    created(await createAttendee(deps(), principal, params.orgId, body)),
  listAttendees: async ({ principal, params, query }) =>
    ok(await listAttendees(deps(), principal, params.orgId, query)),
  getAttendee: async ({ principal, params }) =>
    ok(await getAttendee(deps(), principal, params.orgId, params.attendeeId)),
  updateAttendee: async ({ principal, params, body }) =>
    ok(await updateAttendee(deps(), principal, params.orgId, params.attendeeId, body)),
  deleteAttendee: async ({ principal, params }) => {
    await deleteAttendee(deps(), principal, params.orgId, params.attendeeId);
    return noContent();
  },
  getMyAttendee: async ({ principal, params }) => ok(await getMyAttendee(deps(), principal, params.orgId)),
  ensureMyAttendee: async ({ principal, params, body }) =>
    ok(await ensureMyAttendee(deps(), principal, params.orgId, body)),
} satisfies Partial<RouteHandlers<'catalog'>>;
