import { getContainer } from '../../../app/container.js';
import { accepted, created, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import {
  changeEventStatus,
  createEvent,
  deleteEvent,
  getEvent,
  listEvents,
  listPublicEvents,
  updateEvent,
} from '../domain/events.js';

const deps = () => getContainer().deps;

export const eventHandlers = {
  createEvent: async ({ principal, params, body }) =>
    created(await createEvent(deps(), principal, params.orgId, body)),
  listEvents: async ({ principal, params, query: { limit, cursor, ...filter } }) =>
    ok(await listEvents(deps(), principal, params.orgId, filter, { limit, cursor })),
  getEvent: async ({ principal, params }) =>
    ok(await getEvent(deps(), principal, params.orgId, params.eventId)),
  updateEvent: async ({ principal, params, body }) =>
    ok(await updateEvent(deps(), principal, params.orgId, params.eventId, body)),
  changeEventStatus: async ({ principal, params, body }) =>
    ok(await changeEventStatus(deps(), principal, params.orgId, params.eventId, body.status)),
  deleteEvent: async ({ principal, params }) =>
    accepted(await deleteEvent(deps(), principal, params.orgId, params.eventId)),
  listPublicEvents: async ({ query: { limit, cursor, ...filter } }) =>
    ok(await listPublicEvents(deps(), filter, { limit, cursor })),
} satisfies Partial<RouteHandlers<'catalog'>>;
