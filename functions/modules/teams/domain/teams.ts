import type { Deps } from '../../../kernel/domain/deps.js';
import { DomainError, notFound, validationFailed } from '../../../kernel/domain/errors.js';
import { authorizeForEvent, type EventAccessDeps } from '../../../kernel/domain/event-access.js';
import {
  defaultTeamPermissions,
  type TeamPermission,
  type TeamRole,
} from '../../../kernel/domain/permissions.js';
import type { Page, PageRequest, Principal } from '../../../kernel/domain/types.js';
import { eventForChange } from '../../catalog/index.js';
import type { TeamPlace } from './model.js';

/**
 * An event's team: organizers (or a team member who manages the event) give members a role and
 * permissions on this event alone (docs/teams.md).
 */

export interface TeamPlaceInput {
  role: TeamRole;
  /** Without it, the role's default permissions. */
  permissions?: TeamPermission[] | undefined;
  status?: TeamPlace['status'] | undefined;
}

type TeamDeps = Pick<Deps, 'eventTeams' | 'events' | 'clock'> & EventAccessDeps;

export const setTeamPlace = async (
  deps: TeamDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  userId: string,
  input: TeamPlaceInput,
): Promise<TeamPlace> => {
  const { byTeam } = await authorizeForEvent(deps, orgId, eventId, principal, 'team.manage');
  await eventForChange(deps, orgId, eventId);
  const member = await deps.members.get(orgId, userId);
  if (member?.status !== 'active')
    throw validationFailed([{ field: 'userId', message: 'not an active member of this organization' }]);
  const permissions = [...new Set(input.permissions ?? defaultTeamPermissions[input.role])];
  if (byTeam) {
    // A team member who manages the event gives no more than their own place holds.
    const own = await deps.eventTeams.get(orgId, eventId, principal.sub);
    const beyond = permissions.filter((p) => !own?.permissions.includes(p));
    if (beyond.length > 0)
      throw new DomainError('FORBIDDEN', `your place on the team does not hold ${beyond.join(', ')}`, {
        permissions: beyond,
      });
  }
  const before = await deps.eventTeams.get(orgId, eventId, userId);
  const now = deps.clock.now().toISOString();
  const place: TeamPlace = {
    orgId,
    eventId,
    userId,
    role: input.role,
    permissions,
    status: input.status ?? 'active',
    assignedBy: principal.sub,
    createdAt: before?.createdAt ?? now,
    updatedAt: now,
  };
  await deps.eventTeams.put(place);
  return place;
};

export const listTeam = async (
  deps: Pick<Deps, 'eventTeams' | 'events'> & EventAccessDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  page: PageRequest,
): Promise<Page<TeamPlace>> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'event.read');
  if (!(await deps.events.get(orgId, eventId))) throw notFound('event');
  return deps.eventTeams.list(orgId, eventId, page);
};

export const removeTeamPlace = async (
  deps: TeamDeps,
  principal: Principal,
  orgId: string,
  eventId: string,
  userId: string,
): Promise<void> => {
  await authorizeForEvent(deps, orgId, eventId, principal, 'team.manage');
  await eventForChange(deps, orgId, eventId);
  if (!(await deps.eventTeams.remove(orgId, eventId, userId))) throw notFound('team place');
};
