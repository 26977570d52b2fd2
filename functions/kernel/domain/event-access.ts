import { type Access, type AccessDeps, mayAct } from './access.js';
import type { Deps } from './deps.js';
import { type EventAction, isAllowed, type TeamPermission, teamAllows } from './permissions.js';
import type { Member, Organization, Principal } from './types.js';

/** The membership gate of an event's routes: also reads the caller's place on the event's team. */
export type EventAccessDeps = AccessDeps & Pick<Deps, 'eventTeams'>;

/** What the gate needs of a place on an event's team. */
export interface TeamGrant {
  status: 'active' | 'inactive';
  permissions: readonly TeamPermission[];
}

/**
 * The gate on an organization, membership and team place already read (in one round trip with
 * other reads of the request, as a door scan does): the same answers as `authorizeForEvent`.
 */
export const mayActOnEvent = <
  O extends Pick<Organization, 'status'>,
  A extends Pick<Member, 'role' | 'status'>,
>(
  org: O | undefined,
  actor: A | undefined,
  place: TeamGrant | undefined,
  action: EventAction,
): { org: O; actor: A; byTeam: boolean } => {
  const byTeam =
    actor?.status === 'active' &&
    !isAllowed(actor.role, action) &&
    place?.status === 'active' &&
    teamAllows(place.permissions, action);
  // What the team allows is checked as the role's own would be: membership, then the org's state.
  return { ...mayAct(org, actor, action, byTeam), byTeam };
};

/**
 * The gate of an event-scoped action: allowed when the caller's organization role allows it, or
 * when their active membership of this event's team holds a permission that allows it (docs/teams.md).
 * Refused as `authorize` refuses: not a member is NOT_FOUND, a role too low FORBIDDEN.
 */
export const authorizeForEvent = async (
  deps: EventAccessDeps,
  orgId: string,
  eventId: string,
  principal: Principal,
  action: EventAction,
): Promise<Access & { byTeam: boolean }> => {
  const [org, actor, place] = await Promise.all([
    deps.orgs.get(orgId),
    deps.members.get(orgId, principal.sub),
    deps.eventTeams.get(orgId, eventId, principal.sub),
  ]);
  return mayActOnEvent(org, actor, place, action);
};
