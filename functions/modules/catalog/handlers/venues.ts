import { getContainer } from '../../../app/container.js';
import { accepted, created, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { createVenue, deleteVenue, getVenue, listVenues, updateVenue } from '../domain/venues.js';

const deps = () => getContainer().deps;

export const venueHandlers = {
  createVenue: async ({ principal, params, body }) =>
    created(await createVenue(deps(), principal, params.orgId, body)),
  listVenues: async ({ principal, params, query: { managerId, ...page } }) =>
    ok(await listVenues(deps(), principal, params.orgId, managerId, page)),
  getVenue: async ({ principal, params }) =>
    ok(await getVenue(deps(), principal, params.orgId, params.venueId)),
  updateVenue: async ({ principal, params, body }) =>
    ok(await updateVenue(deps(), principal, params.orgId, params.venueId, body)),
  deleteVenue: async ({ principal, params }) =>
    accepted(await deleteVenue(deps(), principal, params.orgId, params.venueId)),
} satisfies Partial<RouteHandlers<'catalog'>>;
