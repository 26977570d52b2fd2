import { eventParams, pageQuerySchema } from '../../kernel/contracts/common.js';
import { reply, replyPage, routeGroup } from '../../kernel/http/route-group.js';
import { setTeamPlaceBody, teamPlaceParams, teamPlaceSchema } from './contracts/teams.js';

/**
 * An event's team (docs/teams.md), served by `catalog` beside the event. Organizers, and team
 * members whose place holds `manage_event`, manage it; every member and the team read it.
 */
export const teamRoutes = routeGroup({ function: 'catalog', auth: 'jwt', tag: 'Teams' }, [
  {
    operationId: 'listEventTeam',
    method: 'GET',
    path: '/v1/orgs/{orgId}/events/{eventId}/team',
    summary: "The event's team: each member's role and permissions on it",
    params: eventParams,
    query: pageQuerySchema,
    success: replyPage('A page of team places', teamPlaceSchema, 'TeamPlacePage'),
    problems: [403, 404],
  },
  {
    operationId: 'setTeamPlace',
    method: 'PUT',
    path: '/v1/orgs/{orgId}/events/{eventId}/team/{userId}',
    summary: 'Give a member a role and permissions on this event (or change theirs)',
    params: teamPlaceParams,
    body: setTeamPlaceBody,
    success: reply(200, 'The place', teamPlaceSchema),
    problems: [403, 404, 409],
  },
  {
    operationId: 'removeTeamPlace',
    method: 'DELETE',
    path: '/v1/orgs/{orgId}/events/{eventId}/team/{userId}',
    summary: "Take a member off the event's team",
    params: teamPlaceParams,
    success: reply(204, 'Removed'),
    problems: [403, 404, 409],
  },
]);
