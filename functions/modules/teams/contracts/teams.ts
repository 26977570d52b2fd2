import { eventParams, stampFields, userIdSchema } from '../../../kernel/contracts/common.js';
import * as z from '../../../kernel/contracts/zod.js';
import { teamPermissions, teamRoles } from '../../../kernel/domain/permissions.js';

export const teamPlaceParams = eventParams.extend({ userId: userIdSchema });

const teamRoleSchema = z.enum(teamRoles).openapi('TeamRole');
const teamPermissionSchema = z.enum(teamPermissions).openapi('TeamPermission', {
  description: 'What it allows, on this event only: docs/teams.md',
});

export const setTeamPlaceBody = z
  .strictObject({
    role: teamRoleSchema,
    permissions: z
      .array(teamPermissionSchema)
      .max(teamPermissions.length)
      .optional()
      .openapi({ description: "Without it, the role's default permissions" }),
    status: z.enum(['active', 'inactive']).optional(),
  })
  .openapi('SetTeamPlace');

export const teamPlaceSchema = z
  .object({
    orgId: z.string(),
    eventId: z.string(),
    userId: z.string(),
    role: teamRoleSchema,
    permissions: z.array(teamPermissionSchema),
    status: z.enum(['active', 'inactive']),
    assignedBy: z.string(),
    ...stampFields,
  })
  .openapi('TeamPlace');
