import { getContainer } from '../../../app/container.js';
import { noContent, ok, type RouteHandlers } from '../../../kernel/http/route-types.js';
import { listTeam, removeTeamPlace, setTeamPlace } from '../domain/teams.js';

const deps = () => getContainer().deps;

export const teamHandlers = {
  listEventTeam: async ({ principal, params, query }) =>
    ok(await listTeam(deps(), principal, params.orgId, params.eventId, query)),
  setTeamPlace: async ({ principal, params, body }) =>
    ok(await setTeamPlace(deps(), principal, params.orgId, params.eventId, params.userId, body)),
  removeTeamPlace: async ({ principal, params }) => {
    await removeTeamPlace(deps(), principal, params.orgId, params.eventId, params.userId);
    return noContent();
  },
} satisfies Partial<RouteHandlers<'catalog'>>;
