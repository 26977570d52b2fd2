import { orgParams } from '../../../kernel/contracts/common.js';
import { reply, replyPage, routeGroup } from '../../../kernel/http/route-group.js';
import { deletionSchema } from '../../deletions/index.js';
import {
  createVenueBody,
  updateVenueBody,
  venueListQuery,
  venueParams,
  venueSchema,
} from '../contracts/venues.js';

/** Venues and their rooms, served by the `catalog` function. */
export const venueRoutes = routeGroup({ function: 'catalog', auth: 'jwt', tag: 'Venues' }, [
  {
    operationId: 'createVenue',
    method: 'POST',
    path: '/v1/orgs/{orgId}/venues',
    summary: 'Create a venue with its rooms; each room gets an id',
    params: orgParams,
    body: createVenueBody,
    success: reply(201, 'Created', venueSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'listVenues',
    method: 'GET',
    path: '/v1/orgs/{orgId}/venues',
    summary: 'List the venues of an organization, or those one member manages',
    params: orgParams,
    query: venueListQuery,
    success: replyPage('A page of venues', venueSchema, 'VenuePage'),
    problems: [403, 404],
  },
  {
    operationId: 'getVenue',
    method: 'GET',
    path: '/v1/orgs/{orgId}/venues/{venueId}',
    summary: 'Read a venue',
    params: venueParams,
    success: reply(200, 'The venue', venueSchema),
    problems: [403, 404],
  },
  {
    operationId: 'updateVenue',
    method: 'PATCH',
    path: '/v1/orgs/{orgId}/venues/{venueId}',
    summary: 'Change a venue; `rooms` replaces the room list (rooms named by `roomId` keep their id)',
    params: venueParams,
    body: updateVenueBody,
    success: reply(200, 'The updated venue', venueSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'deleteVenue',
    method: 'DELETE',
    path: '/v1/orgs/{orgId}/venues/{venueId}',
    summary: 'Delete a venue with its events and sessions (asynchronously)',
    params: venueParams,
    success: reply(202, 'Deletion started', deletionSchema),
    problems: [403, 404, 409],
  },
]);
