import type { TeamPermission, TeamRole } from '../../../kernel/domain/permissions.js';

/**
 * A member's place on one event's team (docs/teams.md): a role and the permissions it gives on that
 * event alone, on top of the member's organization role.
 */
export interface TeamPlace {
  orgId: string;
  eventId: string;
  userId: string;
  role: TeamRole;
  permissions: TeamPermission[];
  /** An inactive place gives nothing until it is active again. */
  status: 'active' | 'inactive';
  assignedBy: string;
  createdAt: string;
  updatedAt: string;
}
